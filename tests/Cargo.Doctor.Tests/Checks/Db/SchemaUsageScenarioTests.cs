using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>db.schema-usage: USAGE on each configured schema; a missing schema is named as missing.</summary>
[Trait("Category", "Warehouse")]
public sealed class SchemaUsageScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task schema_without_usage_fails_with_grant_usage_that_works()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales", "finance");
        await scenario.AdminAsync($"REVOKE USAGE ON SCHEMA \"finance\" FROM {scenario.Quoted(scenario.User)}");

        var result = await scenario.CheckAsync("sales", "finance");

        var finding = result[SchemaUsageRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Equal("1 of 2 schema(s) not usable by \"" + scenario.User + "\"", finding.Summary);
        Assert.Contains($"{scenario.Database}.finance: no USAGE", finding.Details);
        Assert.Contains(finding.Remediation, r => r.Text == $"GRANT USAGE ON SCHEMA \"finance\" TO \"{scenario.User}\";");

        await scenario.ApplyRemediationAsync(finding);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync("sales", "finance"))[SchemaUsageRule.Id].Status);
    }

    [Fact]
    public async Task missing_schema_is_reported_as_missing_with_a_did_you_mean()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");

        var result = await scenario.CheckAsync("sales", "Sales", "nowhere");

        var finding = result[SchemaUsageRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains($"{scenario.Database}.nowhere: schema does not exist", finding.Details);
        Assert.Contains($"{scenario.Database}.Sales: schema does not exist (did you mean \"sales\"?)", finding.Details);
        Assert.Contains(finding.Remediation, r => r.Key == "schema-missing" && r.Kind == "console");
        Assert.Equal(CheckStatus.Pass, result[TableGrantsRule.Id].Status);
    }
}
