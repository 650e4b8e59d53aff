using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// db.function-role from each kind of login. svv_user_grants shows a login without superuser or
/// ACCESS SYSTEM TABLE only its own roles, and svv_system_privileges only roles it holds: what it
/// cannot see is unknown, never "not granted".
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class FunctionRoleVisibilityScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Theory]
    [InlineData(LoginKind.Superuser, CheckStatus.Pass)]
    [InlineData(LoginKind.SystemTableAccess, CheckStatus.Pass)]
    [InlineData(LoginKind.CargoUser, CheckStatus.Pass)]
    [InlineData(LoginKind.OtherUser, CheckStatus.Unknown)]
    public async Task ready_setup_seen_from_each_login(LoginKind login, CheckStatus expected)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var finding = (await scenario.CheckAsAsync(login))[FunctionRoleRule.Id];

        Assert.True(expected == finding.Status, $"{finding.Status}: {finding.Summary}\n{string.Join("\n", finding.Details)}");
    }

    [Theory]
    // The role is not granted, but CREATE FUNCTION is also allowed through USAGE ON LANGUAGE sql, PUBLIC's by
    // default (https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html): a warning, whether
    // the probe shows it (the Cargo user's login) or no probe ran (other logins skip the probes).
    [InlineData(LoginKind.Superuser, CheckStatus.Warn)]
    [InlineData(LoginKind.SystemTableAccess, CheckStatus.Warn)]
    [InlineData(LoginKind.CargoUser, CheckStatus.Warn)]
    [InlineData(LoginKind.OtherUser, CheckStatus.Unknown)]
    public async Task role_not_granted_seen_from_each_login(LoginKind login, CheckStatus expected)
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales");
        await scenario.GrantDatabaseAsync();
        await scenario.CreateFunctionRoleAsync(grantToUser: false);

        var finding = (await scenario.CheckAsAsync(login))[FunctionRoleRule.Id];

        Assert.True(expected == finding.Status, $"{finding.Status}: {finding.Summary}\n{string.Join("\n", finding.Details)}");
    }

    [Fact]
    public async Task other_login_names_the_visibility_it_lacks_and_the_grant_that_gives_it()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var finding = (await scenario.CheckAsAsync(LoginKind.OtherUser))[FunctionRoleRule.Id];

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains("svv_user_grants", finding.Summary);
        Assert.Contains(finding.Details, d => d.Contains("ACCESS SYSTEM TABLE", StringComparison.Ordinal) && d.Contains("superuser", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.Contains("GRANT ACCESS SYSTEM TABLE TO ROLE", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.Contains("https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_GRANTS.html", StringComparison.Ordinal));
    }

    [Fact]
    public async Task cargo_login_cannot_see_the_privileges_of_a_role_it_does_not_hold()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales");
        await scenario.GrantDatabaseAsync();
        await scenario.CreateFunctionRoleAsync(holdsPrivilege: false, grantToUser: false);

        var finding = (await scenario.CheckAsAsync(LoginKind.CargoUser))[FunctionRoleRule.Id];

        // Not granted is certain (svv_user_grants shows the login its own roles); whether the role
        // holds the privilege is not: no grant-privilege fix is printed on a guess. A warning: PUBLIC's USAGE ON
        // LANGUAGE sql may still let the user create functions (udf-security-and-privileges.html).
        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.DoesNotContain("does not hold", finding.Summary);
        Assert.Equal("grant-role", Assert.Single(finding.Remediation, r => r.Kind == "sql").Key);
        Assert.Contains(finding.Details, d => d.Contains("could not be seen", StringComparison.Ordinal));
    }
}
