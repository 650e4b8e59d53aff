using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>More configured schemas than one statement can bind (65,535 parameters).</summary>
[Trait("Category", "Warehouse")]
public sealed class SchemaBatchingTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task seventy_thousand_schemas_are_read_in_batches()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        string[] schemas = ["sales", .. Enumerable.Range(0, 70_000).Select(i => $"absent_{i}")];

        var result = await scenario.CheckAsync(scenario.Config(schemas));

        var usage = result[SchemaUsageRule.Id];
        Assert.Equal(CheckStatus.Fail, usage.Status);
        Assert.StartsWith("70000 of 70001 schema(s) not usable", usage.Summary, StringComparison.Ordinal);
        var grants = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Pass, grants.Status);
        Assert.StartsWith("all privileges granted on 3 table(s) and view(s)", grants.Summary, StringComparison.Ordinal);
    }
}
