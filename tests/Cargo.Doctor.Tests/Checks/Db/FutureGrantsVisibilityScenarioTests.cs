using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// db.future-grants from each kind of login, with default privileges granted to the Cargo user, to
/// one of its roles, to one of its user groups, or to nobody. svv_default_privileges shows a login
/// without superuser or ACCESS SYSTEM TABLE only "default permissions granted to them": a missing
/// row is then unknown, and only a row that covers the schema is evidence.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class FutureGrantsVisibilityScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    public enum Grantee
    {
        CargoUser,
        RoleOfTheUser,
        GroupOfTheUser,
        Nobody,
    }

    [Theory]
    [InlineData(Grantee.CargoUser, LoginKind.Superuser, CheckStatus.Pass)]
    [InlineData(Grantee.CargoUser, LoginKind.SystemTableAccess, CheckStatus.Pass)]
    [InlineData(Grantee.CargoUser, LoginKind.CargoUser, CheckStatus.Pass)]
    [InlineData(Grantee.CargoUser, LoginKind.OtherUser, CheckStatus.Unknown)]
    [InlineData(Grantee.RoleOfTheUser, LoginKind.Superuser, CheckStatus.Pass)]
    [InlineData(Grantee.RoleOfTheUser, LoginKind.SystemTableAccess, CheckStatus.Pass)]
    [InlineData(Grantee.RoleOfTheUser, LoginKind.CargoUser, CheckStatus.Unknown)]
    [InlineData(Grantee.RoleOfTheUser, LoginKind.OtherUser, CheckStatus.Unknown)]
    [InlineData(Grantee.GroupOfTheUser, LoginKind.Superuser, CheckStatus.Pass)]
    [InlineData(Grantee.GroupOfTheUser, LoginKind.SystemTableAccess, CheckStatus.Pass)]
    [InlineData(Grantee.GroupOfTheUser, LoginKind.CargoUser, CheckStatus.Unknown)]
    [InlineData(Grantee.GroupOfTheUser, LoginKind.OtherUser, CheckStatus.Unknown)]
    [InlineData(Grantee.Nobody, LoginKind.Superuser, CheckStatus.Warn)]
    [InlineData(Grantee.Nobody, LoginKind.SystemTableAccess, CheckStatus.Warn)]
    [InlineData(Grantee.Nobody, LoginKind.CargoUser, CheckStatus.Unknown)]
    [InlineData(Grantee.Nobody, LoginKind.OtherUser, CheckStatus.Unknown)]
    public async Task default_privileges_seen_from_each_login(Grantee grantee, LoginKind login, CheckStatus expected)
    {
        var scenario = await ScenarioAsync(grantee);

        var finding = (await scenario.CheckAsAsync(login))[FutureGrantsRule.Id];

        Assert.True(expected == finding.Status, $"{finding.Status}: {finding.Summary}\n{string.Join("\n", finding.Details)}");
    }

    [Fact]
    public async Task unseen_default_privileges_name_the_view_and_the_grant_that_shows_them()
    {
        var scenario = await ScenarioAsync(Grantee.Nobody);

        var finding = (await scenario.CheckAsAsync(LoginKind.CargoUser))[FutureGrantsRule.Id];

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains(finding.Details, d => d.Contains("svv_default_privileges", StringComparison.Ordinal) && d.Contains("https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DEFAULT_PRIVILEGES.html", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.Contains($"GRANT ROLE \"cargo_doctor_catalog_reader\" TO \"{scenario.User}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_emulation_refuses_scoped_permissions_for_a_group_as_redshift_does()
    {
        var scenario = await ScenarioAsync(Grantee.Nobody);
        var group = server.UniqueName("cargo_readers");
        await scenario.AdminAsync($"SELECT rs_create_group({SqlQuote.Literal(group)}, {SqlQuote.Literal(scenario.User)})");

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            scenario.AdminAsync($"SELECT rs_grant_for_tables('SELECT', 'sales', {SqlQuote.Literal(group)})"));
    }

    private async Task<WarehouseScenario> ScenarioAsync(Grantee grantee)
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.GrantDatabaseAsync();
        await scenario.CreateFunctionRoleAsync();
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales", defaults: grantee == Grantee.CargoUser);
        var target = grantee switch
        {
            Grantee.RoleOfTheUser => scenario.FunctionRole,
            Grantee.GroupOfTheUser => server.UniqueName("cargo_readers"),
            _ => null,
        };
        if (grantee == Grantee.GroupOfTheUser)
        {
            await scenario.AdminAsync($"SELECT rs_create_group({SqlQuote.Literal(target!)}, {SqlQuote.Literal(scenario.User)})");
        }

        if (target is not null)
        {
            // ALTER DEFAULT PRIVILEGES ... TO GROUP g: valid Redshift, and PostgreSQL takes GROUP as a noise word.
            var to = grantee == Grantee.GroupOfTheUser ? "GROUP " : "";
            await scenario.AdminAsync($"ALTER DEFAULT PRIVILEGES FOR USER {SqlQuote.Ident(PostgresServer.AdminUser)} IN SCHEMA \"sales\" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {to}{SqlQuote.Ident(target)}");
        }

        return scenario;
    }
}
