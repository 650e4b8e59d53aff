using System.Globalization;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Fixtures;
using Npgsql;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// The emulated svv_relation_privileges hides rows the way its AWS page says
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_RELATION_PRIVILEGES.html): superusers and
/// users with SYSLOG ACCESS UNRESTRICTED see every row (ACCESS SYSTEM TABLE is not named there);
/// others see only identities they have access to or own (here: themselves and roles they hold).
/// Without this, "granted via" could not show what a login is not shown.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class RelationPrivilegesEmulationTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly string[] All = ["user", "role", "group", "public"];

    [Theory]
    [InlineData(LoginKind.Superuser, "user role group public")]
    [InlineData(LoginKind.SystemTableAccess, "")]
    [InlineData(LoginKind.CargoUser, "user role")]
    [InlineData(LoginKind.OtherUser, "")]
    public async Task each_login_sees_the_rows_the_page_promises(LoginKind kind, string expected)
    {
        var (scenario, login, password) = await GrantedEveryWayAsync(kind);

        var seen = await SeenAsync(scenario, login, password);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), All.Where(seen.Contains));
    }

    [Fact]
    public async Task syslog_access_unrestricted_sees_every_row()
    {
        var (scenario, login, password) = await GrantedEveryWayAsync(LoginKind.OtherUser);
        await scenario.AdminAsync($"SELECT rs_grant_syslog_unrestricted({SqlQuote.Literal(login)})");

        var seen = await SeenAsync(scenario, login, password);

        Assert.Equal(All, All.Where(seen.Contains));
    }

    /// <summary>SELECT on sales.orders to the Cargo user, a role it holds, a group it is in, and PUBLIC.</summary>
    private async Task<(WarehouseScenario, string Login, string Password)> GrantedEveryWayAsync(LoginKind kind)
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.CreateFunctionRoleAsync();
        var group = server.UniqueName("cargo_readers");
        await scenario.AdminAsync($"SELECT rs_create_group({SqlQuote.Literal(group)}, {SqlQuote.Literal(scenario.User)})");
        foreach (var grantee in new[] { scenario.Quoted(scenario.User), scenario.Quoted(scenario.FunctionRole), scenario.Quoted(group), "PUBLIC" })
        {
            await scenario.AdminAsync($"GRANT SELECT ON \"sales\".\"orders\" TO {grantee}");
        }

        var (login, password) = kind switch
        {
            LoginKind.Superuser => (PostgresServer.AdminUser, PostgresServer.AdminPassword),
            LoginKind.CargoUser => (scenario.User, WarehouseScenario.Password),
            _ => (await CatalogLogin.CreateLoginAsync(scenario, kind == LoginKind.SystemTableAccess), WarehouseScenario.Password),
        };
        return (scenario, login, password);
    }

    private async Task<HashSet<string>> SeenAsync(WarehouseScenario scenario, string login, string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString(scenario.Database)) { Username = login, Password = password };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT identity_type FROM svv_relation_privileges WHERE namespace_name = 'sales' AND relation_name = 'orders' AND privilege_type = 'SELECT'",
            connection);
        var seen = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            seen.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return seen;
    }
}
