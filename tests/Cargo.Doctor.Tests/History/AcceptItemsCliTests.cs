using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 22.3 through the CLI: the items: list report.md prints, pasted into the config file, accepts exactly that.</summary>
[Trait("Category", "Cli")]
public sealed class AcceptItemsCliTests
{
    [Fact]
    public async Task the_pasted_items_list_accepts_the_failure_and_stops_applying_when_a_schema_is_added()
    {
        var baseline = await ItemBaselineTests.BaselineReportAsync(ItemBaselineTests.WithoutUsage("marketing"));
        var md = File.ReadAllText(Path.Combine(Path.GetDirectoryName(baseline)!, "report.md"));
        var snippet = Regex.Matches(md, "```yaml\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            .Single(s => s.Contains("check: \"db.schema-usage\"", StringComparison.Ordinal));
        var expires = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var config = Path.Combine(Path.GetDirectoryName(baseline)!, "cargo.yaml");
        await File.WriteAllTextAsync(config, "accept:\n" + snippet
            .Replace("reason: \"\"", "reason: \"marketing is retired\"", StringComparison.Ordinal)
            .Replace("owner: \"\"", "owner: \"data@example.com\"", StringComparison.Ordinal)
            .Replace("expires: \"\"", $"expires: \"{expires}\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var same = await Run(ItemBaselineTests.WithoutUsage("marketing"), config);
        var more = await Run(ItemBaselineTests.WithoutUsage("marketing", "sales"), config);

        Assert.Contains("database=dev;schema=marketing;lacks=USAGE", snippet);
        Assert.True(same.Result.ExitCode == 0, same.Result.ToString());
        Assert.Equal("accepted", same.Status);
        Assert.True(more.Result.ExitCode == 1, more.Result.ToString());
        Assert.Equal("fail", more.Status);
    }

    private static async Task<(CliProcess.Result Result, string Status)> Run(Doctor.Facts.FactsSnapshot facts, string config)
    {
        var path = await FactsFiles.WriteAsync(facts);
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");
        var result = await CliProcess.RunAsync(["report", "--facts", path, "--config", config, "--out", outDir, "--format", "json"]);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        var status = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("checkId").GetString() == SchemaUsageRule.Id).GetProperty("status").GetString()!;
        return (result, status);
    }
}
