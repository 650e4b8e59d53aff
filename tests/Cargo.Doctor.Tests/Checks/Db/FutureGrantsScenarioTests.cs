using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>db.future-grants: default privileges per table owner, or scoped permissions.</summary>
[Trait("Category", "Warehouse")]
public sealed class FutureGrantsScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    /// <summary>From a superuser login: svv_default_privileges shows it every row, so "none" is an absence.</summary>
    [Fact]
    public async Task no_default_privileges_is_a_warning_naming_the_owner_and_the_fix_works()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.GrantDatabaseAsync();
        await scenario.CreateFunctionRoleAsync();
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales", defaults: false);

        var result = await scenario.CheckAsAsync(LoginKind.Superuser);

        var finding = result[FutureGrantsRule.Id];
        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains($"{scenario.Database}.sales: tables that \"{PostgresServer.AdminUser}\" creates later will lack SELECT, INSERT, UPDATE, DELETE", finding.Details);
        Assert.Contains(finding.Remediation, r => r.Kind == "sql" && r.Text ==
            $"ALTER DEFAULT PRIVILEGES FOR USER \"{PostgresServer.AdminUser}\" IN SCHEMA \"sales\" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO \"{scenario.User}\";");

        await scenario.ApplyRemediationAsync(finding);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsAsync(LoginKind.Superuser))[FutureGrantsRule.Id].Status);
    }

    [Fact]
    public async Task scoped_permission_covers_every_owner()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.GrantDatabaseAsync();
        await scenario.CreateFunctionRoleAsync();
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.AdminAsync($"GRANT USAGE ON SCHEMA \"sales\" TO {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync($"SELECT rs_grant_for_tables('SELECT, INSERT, UPDATE, DELETE', 'sales', {Cargo.Doctor.Quoting.SqlQuote.Literal(scenario.User)})");

        var result = await scenario.CheckAsync();

        Assert.Equal(CheckStatus.Pass, result[FutureGrantsRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[TableGrantsRule.Id].Status);
    }
}
