using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>A warehouse set up exactly as the guide says passes every db.* check.</summary>
[Trait("Category", "Warehouse")]
public sealed class AllGoodScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task all_good_setup_passes_every_warehouse_check()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales", "marketing");

        var config = scenario.Config("sales", "marketing");
        var result = await scenario.CheckAsync(config with
        {
            Aws = config.Aws with { RoleArn = "arn:aws:iam::123456789012:role/cargo-redshift-access" },
            Cargo = config.Cargo with { RoleArn = "arn:aws:iam::210987654321:role/cargo-data-loader" },
        });

        Assert.All(result.Findings.Where(f => f.CheckId.StartsWith("db.", StringComparison.Ordinal)),
            f => Assert.True(f.Status == CheckStatus.Pass, result.Describe()));
        Assert.Contains("6 table(s)", result[TableGrantsRule.Id].Summary);
    }

    [Fact]
    public async Task connection_reports_server_version_and_ssl()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var result = await scenario.CheckAsync();

        var connect = result[ConnectRule.Id];
        Assert.Equal(CheckStatus.Pass, connect.Status);
        Assert.Contains("over SSL", connect.Summary);
        Assert.Contains(connect.Details, d => d.StartsWith("server: PostgreSQL 15", StringComparison.Ordinal));
        Assert.True(result.Facts.Warehouse!.Databases[0].Connection.SslInUse);
    }

    [Fact]
    public async Task connection_without_ssl_is_a_warning_with_remediation()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var config = scenario.Config("sales");

        var result = await scenario.CheckAsync(config with { Warehouse = config.Warehouse with { SslMode = WarehouseSslMode.Disable } });

        var connect = result[ConnectRule.Id];
        Assert.Equal(CheckStatus.Warn, connect.Status);
        Assert.Contains("without SSL", connect.Summary);
        Assert.Contains(connect.Remediation, r => r.Key == "no-ssl");
        Assert.Equal(CheckStatus.Pass, result[TableGrantsRule.Id].Status);
    }

    [Fact]
    public async Task statement_count_does_not_depend_on_table_count()
    {
        var small = await WarehouseScenario.CreateReadyAsync(server, "s1");
        var large = await WarehouseScenario.CreateReadyAsync(server, "s1");
        await large.AdminAsync(string.Concat(Enumerable.Range(0, 300).Select(i => $"CREATE TABLE s1.t{i} (id int);")));
        await large.CreateSchemaWithTablesAsync("s2", "x");
        await large.GrantSchemaAsync("s2");

        var smallResult = await small.CheckAsync("s1");
        var largeResult = await large.CheckAsync("s1", "s2");

        Assert.True(smallResult.StatementCount == largeResult.StatementCount, smallResult.Describe() + "\n---\n" + largeResult.Describe());
        Assert.Contains("304 table(s)", largeResult[TableGrantsRule.Id].Summary);
    }
}
