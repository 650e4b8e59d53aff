using System.Text.Json;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports.Sarif;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>
/// report.sarif from the CLI, for the bundled sample replay and for a live stand-in warehouse, passes
/// Microsoft's SARIF validator with no error; anchored to a config file it also passes GitHub code
/// scanning's ingestion rules, and without an anchor those rules reject it (as the run says).
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class SarifValidationTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly string SampleFacts = Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "sample-facts.json");

    [Fact]
    public async Task the_sample_replay_validates_with_no_error()
    {
        var outDir = Directory.CreateTempSubdirectory("sarif-sample").FullName;

        var run = await CliProcess.RunAsync(["report", "--facts", SampleFacts, "--out", outDir, "--format", "sarif"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(SarifReportRenderer.NoAnchorNote, run.Stdout);
        var sarif = Path.Combine(outDir, "report.sarif");
        Assert.NotEmpty(Results(sarif));
        Assert.Empty(await SarifValidator.ErrorsAsync(sarif, gitHubRules: false));
    }

    [Fact]
    public async Task the_sample_replay_anchored_to_its_config_passes_github_ingestion_rules_and_without_an_anchor_fails_them()
    {
        var repo = Repository();
        var config = Path.Combine(repo, "ci", "cargo-doctor.yml");
        await File.WriteAllTextAsync(config, """
            warehouse:
              endpoint: cargo-cluster.abc123xyz789.eu-west-1.redshift.amazonaws.com:5439/analytics
              schemas:
                - analytics.sales
                - 'analytics."Marketing EU"'
                - analytics.finance
            """, TestContext.Current.CancellationToken);
        var anchored = Path.Combine(repo, "anchored");
        var bare = Path.Combine(repo, "bare");

        var run = await CliProcess.RunAsync(["report", "--facts", SampleFacts, "--config", config, "--out", anchored, "--format", "sarif"]);
        await CliProcess.RunAsync(["report", "--facts", SampleFacts, "--out", bare, "--format", "sarif"]);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain(SarifReportRenderer.NoAnchorNote, run.Stdout);
        var results = Results(Path.Combine(anchored, "report.sarif"));
        var usage = results.Single(r => r.GetProperty("ruleId").GetString() == SchemaUsageRule.Id).GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("ci/cargo-doctor.yml", usage.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(5, usage.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Empty(await SarifValidator.ErrorsAsync(Path.Combine(anchored, "report.sarif"), gitHubRules: true));
        // The control: the same rules do reject results that have no file location.
        Assert.Contains(await SarifValidator.ErrorsAsync(Path.Combine(bare, "report.sarif"), gitHubRules: true), e => e.StartsWith("GH1001:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_live_run_validates_and_fingerprints_the_failing_table_by_its_item()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync($"REVOKE DELETE ON \"sales\".\"orders\" FROM {scenario.Quoted(scenario.User)}");
        var repo = Repository();
        var config = Path.Combine(repo, "ci", "cargo-doctor.yml");
        await File.WriteAllTextAsync(config, $"""
            warehouse:
              endpoint: {scenario.Server.Host}:{scenario.Server.Port}/{scenario.Database}
              user: {scenario.User}
              functionRole: {scenario.FunctionRole}
              schemas:
                - {scenario.Database}.sales
            """, TestContext.Current.CancellationToken);
        var outDir = Path.Combine(repo, "out");

        var run = await CliProcess.RunAsync(
            ["check", "--config", config, "--out", outDir, "--format", "sarif"],
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = WarehouseScenario.Password, ["CI"] = "true" });

        Assert.Equal(1, run.ExitCode);
        var sarif = Path.Combine(outDir, "report.sarif");
        var orders = FindingItemIdentity.Of(TableGrantsRule.Id, ItemKey.Of(("database", scenario.Database), ("schema", "sales"), ("table", "orders"), ("lacks", "DELETE")));
        var result = Assert.Single(Results(sarif), r => r.GetProperty("partialFingerprints").GetProperty(SarifReportRenderer.FingerprintName).GetString() == orders);
        Assert.Equal(6, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Empty(await SarifValidator.ErrorsAsync(sarif, gitHubRules: true));
    }

    /// <summary>A folder with .git and ci/, as a checkout is.</summary>
    private static string Repository()
    {
        var repo = Directory.CreateTempSubdirectory("sarif-repo").FullName;
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        Directory.CreateDirectory(Path.Combine(repo, "ci"));
        return repo;
    }

    private static List<JsonElement> Results(string sarif) =>
        JsonDocument.Parse(File.ReadAllText(sarif)).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
}
