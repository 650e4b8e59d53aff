using System.Text.Json;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 10.1: <c>cargo-doctor diff</c> as a support engineer or CI job runs it.</summary>
[Trait("Category", "Cli")]
public sealed class DiffCommandTests
{
    [Fact]
    public async Task a_regression_exits_1_and_writes_diff_md_and_diff_json()
    {
        var before = await FactsFiles.WriteAsync(FactsFiles.AllGood());
        var after = await FactsFiles.WriteAsync(FactsFiles.Failing());
        var outDir = Directory.CreateTempSubdirectory("cargo-doctor-diff-out-").FullName;

        var result = await CliProcess.RunAsync(["diff", before, after, "--out", outDir]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("regressed     db.table-grants (pass → fail)", result.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "diff.json")));
        Assert.Equal(2, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.True(json.RootElement.GetProperty("regressed").GetBoolean());
        var check = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("checkId").GetString() == TableGrantsRule.Id);
        Assert.Equal("regressed", check.GetProperty("change").GetString());
        Assert.NotEmpty(check.GetProperty("appeared").EnumerateArray());
        Assert.Contains("## regressed", File.ReadAllText(Path.Combine(outDir, "diff.md")));
        Schemas.SchemaFiles.AssertValid(Schemas.SchemaFiles.Diff, File.ReadAllText(Path.Combine(outDir, "diff.json")));
    }

    [Fact]
    public async Task a_fix_exits_0_and_says_fixed()
    {
        var before = await FactsFiles.WriteAsync(FactsFiles.Failing());
        var after = await FactsFiles.WriteAsync(FactsFiles.AllGood());

        var result = await CliProcess.RunAsync(["diff", before, after]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("fixed         db.table-grants (fail → pass)", result.Stdout);
    }

    [Fact]
    public async Task unusable_inputs_exit_2_with_one_line_each_and_no_stack_trace()
    {
        var good = await FactsFiles.WriteAsync(FactsFiles.AllGood());
        var future = Path.Combine(Directory.CreateTempSubdirectory("cargo-doctor-diff-").FullName, "report.json");
        await File.WriteAllTextAsync(future, "{\"schemaVersion\": 7, \"findings\": []}", TestContext.Current.CancellationToken);

        var missing = await CliProcess.RunAsync(["diff", "/nonexistent/old.json", good]);
        var newer = await CliProcess.RunAsync(["diff", good, future]);

        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Equal("error: /nonexistent/old.json: file not found", missing.Stderr.Trim());
        Assert.True(newer.ExitCode == 2, newer.ToString());
        Assert.Contains("schema version 7", newer.Stderr);
        Assert.DoesNotContain("   at ", newer.Stderr + missing.Stderr);
    }
}
