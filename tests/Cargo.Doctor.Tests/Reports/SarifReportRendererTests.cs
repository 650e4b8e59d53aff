using System.Text.Json;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Reports.Sarif;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>report.sarif: rules from the catalog, one result per failing item, fingerprints, locations.</summary>
[Trait("Category", "Unit")]
public sealed class SarifReportRendererTests
{
    private const string Config = """
        # cargo-doctor config
        warehouse:
          endpoint: examplecluster.c1abcdef2ghi.us-east-1.redshift.amazonaws.com:5439/dev
          schemas:
            - dev.sales
            - "dev.\"Marketing EU\":read"
        """;

    [Fact]
    public void every_check_is_a_rule_with_its_catalog_text_and_its_severity_as_default_level()
    {
        var run = Run(new SarifReportRenderer().Render(SampleReports.Create()));

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(SampleReports.Findings().Select(f => f.CheckId), rules.Select(r => r.GetProperty("id").GetString()));
        var usage = rules.Single(r => r.GetProperty("id").GetString() == SchemaUsageRule.Id);
        var catalog = WarehouseScenario.Catalog[SchemaUsageRule.Id];
        Assert.Equal(catalog.Title, usage.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal(catalog.Body.Trim(), usage.GetProperty("help").GetProperty("markdown").GetString());
        Assert.Equal("error", usage.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var future = rules.Single(r => r.GetProperty("id").GetString() == FutureGrantsRule.Id);
        Assert.Equal("warning", future.GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Fact]
    public void each_item_of_a_failing_check_is_a_result_fingerprinted_by_its_identity_so_fixing_one_closes_only_its_alert()
    {
        var both = Results(Report(Keyed(TableGrantsRule.Id, CheckStatus.Fail, ("orders", "DELETE"), ("payments", "UPDATE,DELETE"))));
        var one = Results(Report(Keyed(TableGrantsRule.Id, CheckStatus.Fail, ("payments", "UPDATE,DELETE"))));

        var expected = FindingItemIdentity.Of(TableGrantsRule.Id, ItemKey.Of(("database", "dev"), ("schema", "sales"), ("table", "payments"), ("lacks", "UPDATE,DELETE")));
        Assert.Equal(2, both.Count);
        Assert.All(both, r => Assert.Equal("error", r.GetProperty("level").GetString()));
        Assert.Contains(both, r => Fingerprint(r) == expected);
        Assert.Equal(expected, Fingerprint(Assert.Single(one)));
        Assert.Equal(expected, Assert.Single(one).GetProperty("fingerprints").GetProperty(SarifReportRenderer.FingerprintName).GetString());
        Assert.Contains("sales.payments", Assert.Single(one).GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void a_warning_is_a_warning_result_and_passes_skips_and_unknowns_that_do_not_fail_are_none()
    {
        var results = Results(SampleReports.Create());

        Assert.Equal([DatabasePrivilegesRule.Id, SchemaUsageRule.Id, TableGrantsRule.Id], results.Select(r => r.GetProperty("ruleId").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("warning", results.Single(r => r.GetProperty("ruleId").GetString() == DatabasePrivilegesRule.Id).GetProperty("level").GetString());

        var failOnUnknown = Results(SampleReports.Create(FailThreshold.Unknown));
        Assert.Equal("warning", failOnUnknown.Single(r => r.GetProperty("ruleId").GetString() == FutureGrantsRule.Id).GetProperty("level").GetString());
    }

    [Fact]
    public void lines_without_a_key_make_one_result_named_by_the_status_not_by_per_run_text()
    {
        var probe = new Finding
        {
            CheckId = TableGrantsRule.Id,
            Status = CheckStatus.Fail,
            Summary = "the probe failed",
            Details = ["statement: CREATE SCHEMA \"cargo_doctor_20261125t183813_54dd1bad\"", "SQLSTATE: 42501"],
        };

        var result = Assert.Single(Results(Report(probe)));

        Assert.Equal(FindingItemIdentity.Of(TableGrantsRule.Id, ItemKey.Of(("status", "fail"))), Fingerprint(result));
        Assert.Contains("SQLSTATE: 42501", result.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void a_config_anchor_points_at_the_line_naming_the_schema_else_at_the_endpoint_line()
    {
        var anchor = SarifAnchor.Config("ci/cargo-doctor.yml", Config);
        var finding = Keyed(TableGrantsRule.Id, CheckStatus.Fail, ("orders", "DELETE")) with
        {
            Details = ["sales.orders: DELETE", "Marketing EU.t: SELECT", "role: not granted"],
            DetailKeys =
            [
                ItemKey.Of(("database", "dev"), ("schema", "sales"), ("table", "orders"), ("lacks", "DELETE")),
                ItemKey.Of(("database", "dev"), ("schema", "marketing eu"), ("table", "t"), ("lacks", "SELECT")),
                ItemKey.Of(("role", "r"), ("state", "not-granted")),
            ],
        };

        var results = Results(Report(finding), anchor);

        var lines = results.Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation")).ToList();
        Assert.All(lines, l => Assert.Equal("ci/cargo-doctor.yml", l.GetProperty("artifactLocation").GetProperty("uri").GetString()));
        Assert.Equal([5, 6, 3], lines.Select(l => l.GetProperty("region").GetProperty("startLine").GetInt32()));
        Assert.Equal(Config.Split('\n')[4].Length + 1, lines[0].GetProperty("region").GetProperty("endColumn").GetInt32());
        Assert.False(Run(new SarifReportRenderer(anchor).Render(Report(finding))).GetProperty("invocations")[0].TryGetProperty("toolExecutionNotifications", out _));
    }

    [Fact]
    public void a_sarif_anchor_file_is_named_relative_to_its_repository_and_anchors_at_its_first_line()
    {
        var repo = Directory.CreateTempSubdirectory("sarif-repo").FullName;
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        Directory.CreateDirectory(Path.Combine(repo, "infra dir"));
        var file = Path.Combine(repo, "infra dir", "redshift.tf");
        File.WriteAllText(file, "resource \"aws_redshift_cluster\" \"x\" {}\n");
        var problems = new List<string>();

        var anchor = SarifAnchorFile.Load(file, "--sarif-anchor", isConfig: false, workspace: null, problems);

        Assert.Empty(problems);
        Assert.Equal("infra%20dir/redshift.tf", anchor!.Uri);
        var region = Assert.Single(Results(Report(Keyed(TableGrantsRule.Id, CheckStatus.Fail, ("orders", "DELETE"))), anchor))
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(1, region.GetProperty("startLine").GetInt32());
        Assert.Equal(SarifAnchorFile.RelativeUri(file, repo), anchor.Uri);
        Assert.Null(SarifAnchorFile.Load(Path.Combine(repo, "missing.tf"), "--sarif-anchor", false, null, problems));
        Assert.Contains("--sarif-anchor", Assert.Single(problems));
    }

    [Fact]
    public void without_an_anchor_results_keep_logical_locations_and_the_run_says_code_scanning_rejects_them()
    {
        var run = Run(new SarifReportRenderer().Render(Report(Keyed(TableGrantsRule.Id, CheckStatus.Fail, ("orders", "DELETE")))));

        var location = run.GetProperty("results")[0].GetProperty("locations")[0];
        Assert.False(location.TryGetProperty("physicalLocation", out _));
        var logical = location.GetProperty("logicalLocations")[0];
        Assert.Equal("examplecluster/dev/sales/orders", logical.GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("orders", logical.GetProperty("name").GetString());
        var note = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0];
        Assert.Equal(SarifReportRenderer.NoAnchorNote, note.GetProperty("message").GetProperty("text").GetString());
        Assert.Contains("code scanning rejects", SarifReportRenderer.NoAnchorNote);
    }

    [Fact]
    public void a_run_keeps_at_most_the_results_code_scanning_accepts_and_says_how_many_were_left_out()
    {
        var tables = Enumerable.Range(0, SarifReportRenderer.MaxResults + 7).Select(i => ($"t{i}", "DELETE")).ToArray();

        var run = Run(new SarifReportRenderer(SarifAnchor.Config("c.yml", Config)).Render(Report(Keyed(TableGrantsRule.Id, CheckStatus.Fail, tables))));

        Assert.Equal(SarifReportRenderer.MaxResults, run.GetProperty("results").GetArrayLength());
        var note = Assert.Single(run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.StartsWith("7 more results left out", note.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void an_iam_result_is_located_at_the_role_arn()
    {
        const string arn = "arn:aws:iam::123456789012:role/cargo-redshift-access";
        var facts = SampleReports.Facts() with
        {
            Aws = new AwsFacts { Region = "us-east-1", Role = new CustomerRoleFacts { Arn = arn, Name = "cargo-redshift-access" } },
        };
        var finding = new Finding { CheckId = TrustPolicyRule.Id, Status = CheckStatus.Fail, Summary = "the role does not trust Redshift" };

        var result = Assert.Single(Results(Cargo.Doctor.Reports.Report.Create(facts, WarehouseScenario.Catalog, [finding], TimeSpan.Zero)));

        Assert.Equal(arn, result.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    private static Finding Keyed(string checkId, CheckStatus status, params (string Table, string Lacks)[] tables) => new()
    {
        CheckId = checkId,
        Status = status,
        Summary = $"{tables.Length} table(s) lack privileges",
        Details = tables.Select(t => $"sales.{t.Table}: {t.Lacks}").ToList(),
        DetailKeys = tables.Select(t => (ItemKey?)ItemKey.Of(("database", "dev"), ("schema", "sales"), ("table", t.Table), ("lacks", t.Lacks))).ToList(),
    };

    private static Cargo.Doctor.Reports.Report Report(Finding finding) =>
        Cargo.Doctor.Reports.Report.Create(SampleReports.Facts(), WarehouseScenario.Catalog, [finding], TimeSpan.Zero);

    private static List<JsonElement> Results(Cargo.Doctor.Reports.Report report, SarifAnchor? anchor = null) =>
        Run(new SarifReportRenderer(anchor).Render(report)).GetProperty("results").EnumerateArray().ToList();

    private static JsonElement Run(string sarif)
    {
        var root = JsonDocument.Parse(sarif).RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        return Assert.Single(root.GetProperty("runs").EnumerateArray());
    }

    private static string? Fingerprint(JsonElement result) =>
        result.GetProperty("partialFingerprints").GetProperty(SarifReportRenderer.FingerprintName).GetString();
}
