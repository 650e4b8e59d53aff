using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>db.table-grants that examined no table is not a pass.</summary>
[Trait("Category", "Warehouse")]
public sealed class TableGrantsNothingExaminedTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task a_schema_that_does_not_exist_is_skipped_not_passed()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");

        var result = await scenario.CheckAsync("nosuch");

        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Skipped, finding.Status);
        Assert.Contains("no table or view examined", finding.Summary);
        Assert.Contains("nosuch: schema does not exist", finding.Summary);
    }

    [Fact]
    public async Task an_empty_schema_is_skipped_not_passed()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        await scenario.AdminAsync($"CREATE SCHEMA \"empty\"; GRANT USAGE ON SCHEMA \"empty\" TO {scenario.Quoted(scenario.User)}");

        var result = await scenario.CheckAsync("empty");

        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Skipped, finding.Status);
        Assert.Contains("empty: no tables or views yet", finding.Summary);
    }
}
