using System.Text.Json.Nodes;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 13.15: a facts file whose <c>schemaVersion</c> is missing, zero or negative is refused like a
/// future version: one line on stderr, exit 2, no report written.
/// </summary>
[Trait("Category", "Cli")]
public sealed class FactsVersionTests
{
    public static TheoryData<string, string> BadVersions => new()
    {
        { "missing", "the facts file has no schemaVersion" },
        { "0", "the facts file has schema version 0" },
        { "-3", "the facts file has schema version -3" },
        { "\"1\"", "the facts file is not valid" },
        { "99", "the facts file has schema version 99" },
    };

    [Theory]
    [MemberData(nameof(BadVersions))]
    public async Task facts_file_with_a_bad_schema_version_is_a_one_line_usage_error(string version, string expected)
    {
        var node = JsonNode.Parse(FactsJson.Serialize(FactsFiles.AllGood()))!.AsObject();
        node.Remove("schemaVersion");
        if (version != "missing")
        {
            node["schemaVersion"] = JsonNode.Parse(version);
        }

        var path = await FactsFiles.WriteAsync(FactsFiles.AllGood());
        await File.WriteAllTextAsync(path, node.ToJsonString(), TestContext.Current.CancellationToken);
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", outDir]);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any(), "no report is written for a refused facts file");
    }

    [Fact]
    public void current_version_round_trips()
    {
        var facts = FactsJson.Deserialize(FactsJson.Serialize(FactsFiles.AllGood()));

        Assert.Equal(FactsSnapshot.CurrentSchemaVersion, facts.SchemaVersion);
    }
}
