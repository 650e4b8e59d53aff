using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// db.least-privilege: an ordinary Cargo user passes; a superuser (CREATEUSER) or one holding an
/// administrative system-defined role warns with the statement that takes it away, and that
/// statement works; what the login cannot see is unknown.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class LeastPrivilegeScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string CheckId = LeastPrivilegeRule.Id;

    private static string Describe(Finding f) => $"{f.Status}: {f.Summary}\n{string.Join("\n", f.Details)}";

    [Fact]
    public async Task ordinary_user_with_the_guides_grants_passes()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var finding = (await scenario.CheckAsync("sales"))[CheckId];

        Assert.True(finding.Status == CheckStatus.Pass, Describe(finding));
    }

    [Fact]
    public async Task superuser_warns_that_grant_checks_pass_vacuously_and_the_fix_works()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync($"ALTER USER {SqlQuote.Ident(scenario.User)} SUPERUSER");

        var before = (await scenario.CheckAsync("sales"))[CheckId];
        Assert.True(before.Status == CheckStatus.Warn, Describe(before));
        Assert.Contains(before.Details, d => d.Contains("passes without proving anything", StringComparison.Ordinal));
        Assert.Equal($"ALTER USER {SqlQuote.Ident(scenario.User)} NOCREATEUSER;", Assert.Single(before.Remediation, r => r.Kind == "sql").Text);

        await scenario.ApplyRemediationAsync(before);
        var after = (await scenario.CheckAsync("sales"))[CheckId];

        Assert.True(after.Status == CheckStatus.Pass, Describe(after));
    }

    [Fact]
    public async Task sys_dba_through_a_role_warns_and_revoking_the_role_works()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var admins = server.UniqueName("warehouse_admins");
        await scenario.AdminAsync("DO $$ BEGIN CREATE ROLE \"sys:dba\" NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        await scenario.AdminAsync($"CREATE ROLE {SqlQuote.Ident(admins)} NOLOGIN");
        await scenario.AdminAsync($"GRANT \"sys:dba\" TO {SqlQuote.Ident(admins)}");
        await scenario.AdminAsync($"GRANT {SqlQuote.Ident(admins)} TO {SqlQuote.Ident(scenario.User)}");

        var before = (await scenario.CheckAsync("sales"))[CheckId];
        Assert.True(before.Status == CheckStatus.Warn, Describe(before));
        Assert.Contains("sys:dba", before.Summary);
        Assert.Contains($"sys:dba: {scenario.User} -> {admins} -> sys:dba", before.Details);
        Assert.Equal($"REVOKE ROLE {SqlQuote.Ident(admins)} FROM {SqlQuote.Ident(scenario.User)};", Assert.Single(before.Remediation, r => r.Kind == "sql").Text);

        await scenario.ApplyRemediationAsync(before);
        var after = (await scenario.CheckAsync("sales"))[CheckId];

        Assert.True(after.Status == CheckStatus.Pass, Describe(after));
    }

    [Theory]
    [InlineData(LoginKind.Superuser, CheckStatus.Pass)]
    [InlineData(LoginKind.SystemTableAccess, CheckStatus.Pass)]
    [InlineData(LoginKind.OtherUser, CheckStatus.Unknown)]
    public async Task ordinary_user_seen_from_each_login(LoginKind login, CheckStatus expected)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var finding = (await scenario.CheckAsAsync(login))[CheckId];

        Assert.True(finding.Status == expected, Describe(finding));
        if (expected == CheckStatus.Unknown)
        {
            Assert.Contains(finding.Details, d => d.Contains("GRANT ACCESS SYSTEM TABLE TO ROLE", StringComparison.Ordinal));
        }
    }
}
