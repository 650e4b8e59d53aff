using System.Text.Json;

namespace Cargo.Doctor.Tests.Schemas;

/// <summary>The documented schemas in docs/schemas, and an assertion that a written file follows one.</summary>
public static class SchemaFiles
{
    public const string Report = "report.schema.json";
    public const string Facts = "facts.schema.json";
    public const string Diff = "diff.schema.json";

    public static string Folder { get; } = FindFolder();

    /// <summary>Fails the test with every violation when <paramref name="json"/> does not follow the schema.</summary>
    public static void AssertValid(string schemaFile, string json)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, schemaFile)));
        using var document = JsonDocument.Parse(json);
        var errors = JsonSchemaSubset.Validate(schema.RootElement, document.RootElement);
        Assert.True(errors.Count == 0, $"{schemaFile}:\n{string.Join("\n", errors)}");
    }

    public static IReadOnlyList<string> Errors(string schemaFile, string json)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, schemaFile)));
        using var document = JsonDocument.Parse(json);
        return JsonSchemaSubset.Validate(schema.RootElement, document.RootElement);
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "schemas");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("docs/schemas not found above the test output folder");
    }
}
