using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>db.table-grants: every table and view, every privilege, per schema access mode.</summary>
[Trait("Category", "Warehouse")]
public sealed class TableGrantsScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task some_tables_lacking_some_privileges_are_listed_per_table_and_fixed_by_the_printed_grants()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        var u = scenario.Quoted(scenario.User);
        await scenario.AdminAsync($"REVOKE INSERT, UPDATE ON \"sales\".\"orders\" FROM {u}");
        await scenario.AdminAsync($"REVOKE DELETE ON \"sales\".\"customers\" FROM {u}");

        var result = await scenario.CheckAsync("sales");

        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Equal("2 of 3 table(s) lack privileges (3 grant(s) missing)", finding.Summary);
        Assert.Contains($"{scenario.Database}.sales.orders (table): missing INSERT, UPDATE", finding.Details);
        Assert.Contains($"{scenario.Database}.sales.customers (table): missing DELETE", finding.Details);
        var fix = Assert.Single(finding.Remediation, r => r.Kind == "sql");
        Assert.Equal(
            $"GRANT DELETE ON \"sales\".\"customers\" TO {u};\nGRANT INSERT, UPDATE ON \"sales\".\"orders\" TO {u};",
            fix.Text);

        await scenario.ApplyRemediationAsync(finding);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync("sales"))[TableGrantsRule.Id].Status);
    }

    [Fact]
    public async Task a_privilege_missing_on_every_table_collapses_into_one_grant_on_all_tables()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        await scenario.AdminAsync($"REVOKE DELETE ON ALL TABLES IN SCHEMA \"sales\" FROM {scenario.Quoted(scenario.User)}");

        var result = await scenario.CheckAsync("sales");

        var finding = result[TableGrantsRule.Id];
        Assert.Equal(3, finding.Details.Count);
        var fix = Assert.Single(finding.Remediation, r => r.Kind == "sql");
        Assert.Equal($"GRANT DELETE ON ALL TABLES IN SCHEMA \"sales\" TO {scenario.Quoted(scenario.User)};", fix.Text);
    }

    [Fact]
    public async Task read_only_schema_needs_select_only()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.GrantDatabaseAsync();
        await scenario.CreateFunctionRoleAsync();
        await scenario.CreateSchemaWithTablesAsync("reference");
        await scenario.AdminAsync($"GRANT USAGE ON SCHEMA \"reference\" TO {scenario.Quoted(scenario.User)}; GRANT SELECT ON ALL TABLES IN SCHEMA \"reference\" TO {scenario.Quoted(scenario.User)}");

        var readOnly = await scenario.CheckAsync($"{scenario.Database}.reference:read");
        var readWrite = await scenario.CheckAsync($"{scenario.Database}.reference");

        Assert.Equal(CheckStatus.Pass, readOnly[TableGrantsRule.Id].Status);
        Assert.Equal(CheckStatus.Fail, readWrite[TableGrantsRule.Id].Status);
        Assert.Contains($"{scenario.Database}.reference.recent_orders (view): missing INSERT, UPDATE, DELETE", readWrite[TableGrantsRule.Id].Details);
    }

    [Fact]
    public async Task privileges_through_public_and_roles_count()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        var reader = server.UniqueName("reader_role");
        await scenario.AdminAsync($"REVOKE ALL ON ALL TABLES IN SCHEMA \"sales\" FROM {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync($"CREATE ROLE {scenario.Quoted(reader)} NOLOGIN; GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA \"sales\" TO {scenario.Quoted(reader)}; GRANT {scenario.Quoted(reader)} TO {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync("GRANT UPDATE, DELETE ON ALL TABLES IN SCHEMA \"sales\" TO PUBLIC");

        var result = await scenario.CheckAsync("sales");

        Assert.Equal(CheckStatus.Pass, result[TableGrantsRule.Id].Status);
    }
}
