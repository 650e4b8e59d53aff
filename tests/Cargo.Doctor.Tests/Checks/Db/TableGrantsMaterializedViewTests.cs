using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>db.table-grants on materialized views: Redshift's view plus mv_tbl__&lt;name&gt;__0 storage table.</summary>
[Trait("Category", "Warehouse")]
public sealed class TableGrantsMaterializedViewTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task a_materialized_view_needs_select_only_and_its_storage_table_is_never_granted()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        // Neither the view nor its storage table is granted.
        await scenario.AdminAsync("SELECT rs_create_materialized_view('sales', 'order_totals', 'SELECT count(*) AS n FROM sales.orders')");
        await scenario.AdminAsync($"REVOKE ALL ON \"sales\".\"order_totals\", \"sales\".\"mv_tbl__order_totals__0\" FROM {scenario.Quoted(scenario.User)}");

        var result = await scenario.CheckAsync("sales");

        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Equal("1 of 4 table(s) lack privileges (1 grant(s) missing)", finding.Summary);
        Assert.Contains($"{scenario.Database}.sales.order_totals (materialized view): missing SELECT", finding.Details);
        Assert.DoesNotContain(finding.Details, d => d.Contains("mv_tbl__", StringComparison.Ordinal));
        var fix = Assert.Single(finding.Remediation, r => r.Kind == "sql");
        Assert.Equal($"GRANT SELECT ON \"sales\".\"order_totals\" TO {scenario.Quoted(scenario.User)};", fix.Text);

        await scenario.ApplyRemediationAsync(finding);
        var after = (await scenario.CheckAsync("sales"))[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Pass, after.Status);
        Assert.Equal("all privileges granted on 4 table(s) and view(s)", after.Summary);
    }

    [Fact]
    public async Task an_admin_login_reads_svv_mv_info_and_an_unreadable_one_degrades_to_the_storage_table_pairing()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        await scenario.AdminAsync("SELECT rs_create_materialized_view('sales', 'order_totals', 'SELECT count(*) AS n FROM sales.orders')");
        await scenario.AdminAsync($"GRANT SELECT ON \"sales\".\"order_totals\" TO {scenario.Quoted(scenario.User)}");
        var asAdmin = scenario.Config("sales") with { Warehouse = scenario.Config("sales").Warehouse with { LoginUser = PostgresServer.AdminUser } };

        var admin = await scenario.CheckAsync(asAdmin, PostgresServer.AdminPassword);
        Assert.Equal(CheckStatus.Pass, admin[TableGrantsRule.Id].Status);
        Assert.Contains(admin.Facts.Warehouse!.Databases[0].Tables, t => t is { Name: "order_totals", Kind: "materialized view" });

        // A server where neither system view can be read: still recognised by its storage table, and said so.
        await scenario.AdminAsync("REVOKE SELECT ON pg_catalog.svv_mv_info, pg_catalog.stv_mv_info FROM PUBLIC");
        var cargo = await scenario.CheckAsync("sales");
        var finding = cargo[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains(cargo.Facts.Warehouse!.Databases[0].Tables, t => t is { Name: "order_totals", Kind: "materialized view" });
        Assert.DoesNotContain(cargo.Facts.Warehouse!.Databases[0].Tables, t => t.Name.StartsWith("mv_tbl__", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.Contains("svv_mv_info", StringComparison.Ordinal) && d.Contains("storage table", StringComparison.Ordinal));
    }
}
