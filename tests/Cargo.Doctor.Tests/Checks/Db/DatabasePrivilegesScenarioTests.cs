using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>db.database-privileges: Cargo creates its own schemas, so it needs CREATE (and TEMP).</summary>
[Trait("Category", "Warehouse")]
public sealed class DatabasePrivilegesScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task database_without_create_fails_and_the_printed_grant_fixes_it()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync($"REVOKE ALL ON DATABASE {scenario.Quoted(scenario.Database)} FROM {scenario.Quoted(scenario.User)}");

        var result = await scenario.CheckAsync();

        var finding = result[DatabasePrivilegesRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains($"{scenario.Database}: missing CREATE", finding.Details);
        var fix = Assert.Single(finding.Remediation, r => r.Kind == "sql");
        Assert.Equal($"GRANT ALL ON DATABASE \"{scenario.Database}\" TO \"{scenario.User}\";", fix.Text);

        await scenario.ApplyRemediationAsync(finding);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync())[DatabasePrivilegesRule.Id].Status);
    }
}
