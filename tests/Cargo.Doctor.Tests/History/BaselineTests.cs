using System.Text.Json;
using System.Xml.Linq;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 10.2: <c>--baseline</c> counts only what regressed, and marks each finding new, unchanged or fixed.</summary>
[Trait("Category", "Cli")]
public sealed class BaselineTests
{
    /// <summary>A report.json of <paramref name="facts"/>, as yesterday's run wrote it.</summary>
    private static async Task<string> BaselineReportAsync(FactsSnapshot facts)
    {
        var path = await FactsFiles.WriteAsync(facts);
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "baseline");
        await CliProcess.RunAsync(["report", "--facts", path, "--out", outDir, "--format", "json"]);
        return Path.Combine(outDir, "report.json");
    }

    private static async Task<(CliProcess.Result Result, string OutDir)> ReportAsync(FactsSnapshot facts, string baseline, string failOn = "fail")
    {
        var path = await FactsFiles.WriteAsync(facts);
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");
        var result = await CliProcess.RunAsync(["report", "--facts", path, "--baseline", baseline, "--out", outDir, "--fail-on", failOn, "--format", "json,junit,md"]);
        return (result, outDir);
    }

    private static string Mark(string outDir, string checkId)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("checkId").GetString() == checkId).GetProperty("baseline").GetString()!;
    }

    [Fact]
    public async Task a_failure_already_in_the_baseline_does_not_fail_the_run_and_is_unchanged()
    {
        var (result, outDir) = await ReportAsync(FactsFiles.Failing(), await BaselineReportAsync(FactsFiles.Failing()));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("unchanged", Mark(outDir, TableGrantsRule.Id));
        Assert.Empty(XDocument.Load(Path.Combine(outDir, "report.junit.xml")).Descendants("failure"));
        Assert.Contains("(unchanged since the baseline)", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public async Task a_failure_the_baseline_did_not_have_fails_the_run_and_is_new()
    {
        var (result, outDir) = await ReportAsync(FactsFiles.Failing(), await BaselineReportAsync(FactsFiles.AllGood()));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("new", Mark(outDir, TableGrantsRule.Id));
        Schemas.SchemaFiles.AssertValid(Schemas.SchemaFiles.Report, File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Equal("unchanged", Mark(outDir, ConnectRule.Id));
        Assert.Single(XDocument.Load(Path.Combine(outDir, "report.junit.xml")).Descendants("failure"));
        Assert.Contains("against the baseline: 1 new, 0 fixed", result.Stdout);
    }

    [Fact]
    public async Task a_failure_fixed_since_the_baseline_is_fixed()
    {
        var (result, outDir) = await ReportAsync(FactsFiles.AllGood(), await BaselineReportAsync(FactsFiles.Failing()));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("fixed", Mark(outDir, TableGrantsRule.Id));
    }

    [Theory]
    [InlineData("warn", "warn", 0)]
    [InlineData("all-good", "warn", 1)]
    [InlineData("all-good", "fail", 0)]
    [InlineData("unknown", "unknown", 0)]
    [InlineData("all-good", "unknown", 1)]
    public async Task fail_on_counts_only_what_reached_the_threshold_since_the_baseline(string baselineSetup, string failOn, int expected)
    {
        var baseline = baselineSetup switch
        {
            "warn" => FactsFiles.WarnOnly(),
            "unknown" => FactsFiles.UnknownOnly(),
            _ => FactsFiles.AllGood(),
        };
        var now = failOn == "unknown" ? FactsFiles.UnknownOnly() : FactsFiles.WarnOnly();

        var (result, _) = await ReportAsync(now, await BaselineReportAsync(baseline), failOn);

        Assert.True(result.ExitCode == expected, result.ToString());
    }

    [Fact]
    public async Task a_facts_file_works_as_a_baseline_and_an_unreadable_one_exits_2_with_one_line()
    {
        var (fromFacts, _) = await ReportAsync(FactsFiles.Failing(), await FactsFiles.WriteAsync(FactsFiles.Failing()));
        var missing = await ReportAsync(FactsFiles.Failing(), "/nonexistent/report.json");

        Assert.True(fromFacts.ExitCode == 0, fromFacts.ToString());
        Assert.True(missing.Result.ExitCode == 2, missing.Result.ToString());
        Assert.Equal("error: --baseline: /nonexistent/report.json: file not found", missing.Result.Stderr.Trim());
    }
}
