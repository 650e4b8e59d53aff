using System.Text.Json.Nodes;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// A hand-edited or truncated facts file with <c>null</c> where the facts hold a list or a value that
/// is never null is refused when it is read, with the JSON path, like any other invalid facts file:
/// it never reaches the rules as a null they do not expect (that was an internal error, exit 70).
/// </summary>
[Trait("Category", "Cli")]
public sealed class FactsNullTests
{
    public static TheoryData<string, string> NullPaths => new()
    {
        { "notes", "$.notes" },
        { "target", "$.target" },
        { "warehouse.databases", "$.warehouse.databases" },
        { "warehouse.cargoUser", "$.warehouse.cargoUser" },
    };

    [Theory]
    [MemberData(nameof(NullPaths))]
    public void null_where_the_facts_never_hold_null_is_an_invalid_facts_file(string property, string path)
    {
        var json = WithNull(property);

        var error = Assert.Throws<FormatException>(() => FactsJson.Deserialize(json));

        Assert.StartsWith("the facts file is not valid", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task report_of_such_a_file_is_one_line_and_exit_code_2()
    {
        var path = await FactsFiles.WriteAsync(FactsFiles.AllGood());
        await File.WriteAllTextAsync(path, WithNull("notes"), TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", Path.Combine(Path.GetDirectoryName(path)!, "out")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("$.notes", line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void null_where_the_facts_allow_it_still_reads()
    {
        var node = JsonNode.Parse(FactsJson.Serialize(FactsFiles.AllGood()))!.AsObject();
        node["aws"] = null;

        Assert.Null(FactsJson.Deserialize(node.ToJsonString()).Aws);
    }

    private static string WithNull(string dottedProperty)
    {
        var node = JsonNode.Parse(FactsJson.Serialize(FactsFiles.AllGood()))!.AsObject();
        var parts = dottedProperty.Split('.');
        var parent = parts[..^1].Aggregate(node, (current, part) => current[part]!.AsObject());
        parent[parts[^1]] = null;
        return node.ToJsonString();
    }
}
