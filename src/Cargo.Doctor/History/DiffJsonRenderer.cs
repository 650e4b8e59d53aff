using System.Text.Json;

namespace Cargo.Doctor.History;

/// <summary>diff.json: every check's move and its detail lines, versioned like report.json.</summary>
public static class DiffJsonRenderer
{
    /// <summary>2 added notes (an older report compared line by line, another target).</summary>
    public const int SchemaVersion = 2;

    public const string FileName = "diff.json";

    public static string Render(RunDiff diff)
    {
        var document = new DiffJsonDocument(
            SchemaVersion,
            new DiffJsonTool("cargo-doctor", Cargo.Doctor.ToolVersion.Current),
            diff.Old.Source,
            diff.New.Source,
            diff.Regressed,
            Enum.GetValues<ChangeKind>().ToDictionary(ChangeWords.Word, diff.Count),
            diff.Changes.Select(c => new DiffJsonCheck(
                c.CheckId,
                c.Title,
                ChangeWords.Word(c.Kind),
                ChangeWords.Status(c.Before),
                ChangeWords.Status(c.After),
                c.Appeared,
                c.Disappeared)).ToList(),
            diff.Notes);
        return JsonSerializer.Serialize(document, DiffJsonContext.Default.DiffJsonDocument);
    }
}
