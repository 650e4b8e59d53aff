using System.Text.Json;

namespace Cargo.Doctor.History;

/// <summary>diff.json: every check's move and its detail lines, versioned like report.json.</summary>
public static class DiffJsonRenderer
{
    public const int SchemaVersion = 1;

    public const string FileName = "diff.json";

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static string Render(RunDiff diff)
    {
        var document = new
        {
            schemaVersion = SchemaVersion,
            tool = new { name = "cargo-doctor", version = Cargo.Doctor.ToolVersion.Current },
            old = diff.Old.Source,
            @new = diff.New.Source,
            regressed = diff.Regressed,
            summary = Enum.GetValues<ChangeKind>().ToDictionary(ChangeWords.Word, diff.Count),
            checks = diff.Changes.Select(c => new
            {
                checkId = c.CheckId,
                title = c.Title,
                change = ChangeWords.Word(c.Kind),
                before = ChangeWords.Status(c.Before),
                after = ChangeWords.Status(c.After),
                appeared = c.Appeared,
                disappeared = c.Disappeared,
            }),
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
