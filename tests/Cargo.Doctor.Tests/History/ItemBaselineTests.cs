using System.Text.Json;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.History;

/// <summary>
/// Issue 22.1: <c>--baseline</c> compares findings item by item (schema, table, privilege, ...), so a
/// check that was already failing still fails the run when it fails on something new.
/// </summary>
[Trait("Category", "Cli")]
public sealed class ItemBaselineTests
{
    /// <summary>dev.marketing and dev.sales configured; the given schemas lack USAGE.</summary>
    internal static FactsSnapshot WithoutUsage(params string[] schemas)
    {
        var good = FactsFiles.AllGood();
        var db = good.Warehouse!.Databases[0];
        var marketing = new SchemaFacts { Name = "marketing", Exists = true, Usage = true, Owner = "admin" };
        db = db with { Schemas = [.. db.Schemas, marketing] };
        db = db with { Schemas = db.Schemas.Select(s => schemas.Contains(s.Name) ? s with { Usage = false } : s).ToList() };
        return good with
        {
            Target = good.Target with { Schemas = ["dev.sales", "dev.marketing"] },
            Warehouse = good.Warehouse with { Databases = [db] },
        };
    }

    internal static async Task<string> BaselineReportAsync(FactsSnapshot facts, params string[] extra)
    {
        var path = await FactsFiles.WriteAsync(facts);
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "baseline");
        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", outDir, "--format", "json,md", .. extra]);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return Path.Combine(outDir, "report.json");
    }

    internal static async Task<(CliProcess.Result Result, string OutDir)> ReportAsync(FactsSnapshot facts, string baseline, params string[] extra)
    {
        var path = await FactsFiles.WriteAsync(facts);
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");
        var result = await CliProcess.RunAsync(["report", "--facts", path, "--baseline", baseline, "--out", outDir, "--format", "json,md", .. extra]);
        return (result, outDir);
    }

    private static JsonElement FindingOf(string outDir, string checkId)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        return json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("checkId").GetString() == checkId).Clone();
    }

    [Fact]
    public async Task a_schema_that_loses_usage_while_another_already_lacked_it_is_new_and_fails_the_run()
    {
        var baseline = await BaselineReportAsync(WithoutUsage("marketing"));

        var (result, outDir) = await ReportAsync(WithoutUsage("marketing", "sales"), baseline);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("against the baseline: 1 new, 0 fixed", result.Stdout);
        Assert.Equal("new", FindingOf(outDir, SchemaUsageRule.Id).GetProperty("baseline").GetString());
        Assert.Contains("dev.sales: no USAGE", result.Stdout);
    }

    [Fact]
    public async Task the_same_items_failing_again_are_unchanged_and_do_not_fail_the_run()
    {
        var baseline = await BaselineReportAsync(WithoutUsage("marketing", "sales"));

        var (result, outDir) = await ReportAsync(WithoutUsage("marketing", "sales"), baseline);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("unchanged", FindingOf(outDir, SchemaUsageRule.Id).GetProperty("baseline").GetString());
    }

    [Fact]
    public async Task fewer_items_failing_than_in_the_baseline_do_not_fail_the_run()
    {
        var baseline = await BaselineReportAsync(WithoutUsage("marketing", "sales"));

        var (result, _) = await ReportAsync(WithoutUsage("marketing"), baseline);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task a_baseline_of_another_host_is_a_usage_error_naming_both_unless_allowed_and_then_the_report_says_so_at_the_top()
    {
        var other = WithoutUsage("marketing") with { Target = WithoutUsage("marketing").Target with { Host = "other.example.com" } };
        var baseline = await BaselineReportAsync(other);

        var (refused, _) = await ReportAsync(WithoutUsage("marketing"), baseline);
        var (allowed, outDir) = await ReportAsync(WithoutUsage("marketing"), baseline, "--allow-other-target");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("other.example.com:5439", refused.Stderr);
        Assert.Contains("127.0.0.1:5439", refused.Stderr);
        Assert.Contains("--allow-other-target", refused.Stderr);
        Assert.Single(refused.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        var md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.StartsWith("# Cargo Doctor report", md);
        Assert.Contains("other.example.com", md.Split("## Checks")[0]);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Contains("other.example.com", json.RootElement.GetProperty("otherTarget").GetString());
    }

    [Fact]
    public async Task a_baseline_of_another_cluster_on_the_same_host_is_another_target_but_another_schema_list_is_not()
    {
        static FactsSnapshot On(string cluster, params string[] schemas) =>
            WithoutUsage("marketing") with { Target = WithoutUsage("marketing").Target with { ClusterIdentifier = cluster, Region = "us-east-1", Schemas = schemas } };
        var baseline = await BaselineReportAsync(On("analytics", "dev.sales"));

        var (otherCluster, _) = await ReportAsync(On("reporting", "dev.sales"), baseline);
        var (otherSchemas, _) = await ReportAsync(On("analytics", "dev.sales", "dev.marketing"), baseline);

        Assert.True(otherCluster.ExitCode == 2, otherCluster.ToString());
        Assert.Contains("cluster analytics", otherCluster.Stderr);
        Assert.Contains("cluster reporting", otherCluster.Stderr);
        Assert.True(otherSchemas.ExitCode == 0, otherSchemas.ToString());
    }

    [Fact]
    public async Task a_report_json_of_version_1_is_compared_line_by_line_with_a_note()
    {
        var baseline = await BaselineReportAsync(WithoutUsage("marketing"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(baseline))!.AsObject();
        node["schemaVersion"] = 1;
        node.Remove("targetIdentity");
        foreach (var finding in node["findings"]!.AsArray())
        {
            finding!.AsObject().Remove("itemKeys");
        }

        File.WriteAllText(baseline, node.ToJsonString());

        var (result, outDir) = await ReportAsync(WithoutUsage("marketing", "sales"), baseline);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("compared line by line", result.Stdout);
        Assert.Contains("new in db.schema-usage: dev.sales: no USAGE", result.Stdout);
        Assert.Contains("compared line by line", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public async Task diff_calls_a_check_failing_on_a_new_item_regressed_and_refuses_two_targets()
    {
        var before = await BaselineReportAsync(WithoutUsage("marketing"));
        var after = await FactsFiles.WriteAsync(WithoutUsage("marketing", "sales"));
        var elsewhere = await FactsFiles.WriteAsync(WithoutUsage("marketing", "sales") with { Target = FactsFiles.AllGood().Target with { Port = 5440 } });

        var regressed = await CliProcess.RunAsync(["diff", before, after]);
        var refused = await CliProcess.RunAsync(["diff", before, elsewhere]);
        var allowed = await CliProcess.RunAsync(["diff", before, elsewhere, "--allow-other-target"]);

        Assert.True(regressed.ExitCode == 1, regressed.ToString());
        Assert.Contains("regressed     db.schema-usage (fail → fail)", regressed.Stdout);
        Assert.Contains("+ dev.sales: no USAGE", regressed.Stdout);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("127.0.0.1:5439", refused.Stderr);
        Assert.Contains("127.0.0.1:5440", refused.Stderr);
        Assert.True(allowed.ExitCode == 1, allowed.ToString());
        Assert.StartsWith("note: another warehouse: OLD is (host 127.0.0.1:5439) but NEW is (host 127.0.0.1:5440); compared anyway (--allow-other-target)", allowed.Stdout.Trim());
    }
}
