using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Fixtures;
using Npgsql;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// The emulated svv_* grant views hide rows the way their AWS pages say, for each kind of login:
/// superusers and ACCESS SYSTEM TABLE see all rows; others see in svv_user_grants "roles that are
/// explicitly granted to them", in svv_role_grants / svv_system_privileges / svv_schema_privileges
/// "identities they have access to or own" (here: roles they hold), in svv_default_privileges
/// "default permissions granted to them" (here, strictly: rows naming them). Without this, the
/// db.function-role and db.future-grants tests could not show a fix for a login that sees less.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class CatalogViewEmulationTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly string[] All =
    [
        "user_grants", "role_grants", "system_privileges",
        "default:user", "default:role", "default:group", "default:public", "scoped:user", "pg_group",
    ];

    [Theory]
    [InlineData(LoginKind.Superuser, "user_grants role_grants system_privileges default:user default:role default:group default:public scoped:user pg_group")]
    [InlineData(LoginKind.SystemTableAccess, "user_grants role_grants system_privileges default:user default:role default:group default:public scoped:user pg_group")]
    [InlineData(LoginKind.CargoUser, "user_grants role_grants system_privileges default:user scoped:user pg_group")]
    [InlineData(LoginKind.OtherUser, "pg_group")]
    public async Task each_login_sees_the_rows_its_view_pages_promise(LoginKind kind, string expected)
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.CreateFunctionRoleAsync(grantToUser: false);
        var (user, role) = (scenario.Quoted(scenario.User), scenario.Quoted(scenario.FunctionRole));
        var team = server.UniqueName("data_team");
        var group = server.UniqueName("cargo_readers");
        await scenario.AdminAsync($"CREATE ROLE {scenario.Quoted(team)} NOLOGIN; GRANT {role} TO {scenario.Quoted(team)}; GRANT {scenario.Quoted(team)} TO {user}");
        await scenario.AdminAsync($"SELECT rs_create_group({SqlQuote.Literal(group)}, {SqlQuote.Literal(scenario.User)})");
        foreach (var grantee in new[] { user, role, $"GROUP {scenario.Quoted(group)}", "PUBLIC" })
        {
            await scenario.AdminAsync($"ALTER DEFAULT PRIVILEGES FOR USER {scenario.Quoted(PostgresServer.AdminUser)} IN SCHEMA \"sales\" GRANT SELECT ON TABLES TO {grantee}");
        }

        await scenario.AdminAsync($"SELECT rs_grant_for_tables('SELECT', 'sales', {SqlQuote.Literal(scenario.User)})");
        var (login, password) = kind switch
        {
            LoginKind.Superuser => (PostgresServer.AdminUser, PostgresServer.AdminPassword),
            LoginKind.CargoUser => (scenario.User, WarehouseScenario.Password),
            _ => (await CatalogLogin.CreateLoginAsync(scenario, kind == LoginKind.SystemTableAccess), WarehouseScenario.Password),
        };

        var seen = await SeenAsync(scenario, login, password, team, group);

        Assert.Equal(expected.Split(' '), All.Where(seen.Contains));
    }

    private async Task<HashSet<string>> SeenAsync(WarehouseScenario scenario, string login, string password, string team, string group)
    {
        var queries = new Dictionary<string, string>
        {
            ["user_grants"] = $"SELECT count(*) FROM svv_user_grants WHERE user_name = {SqlQuote.Literal(scenario.User)}",
            ["role_grants"] = $"SELECT count(*) FROM svv_role_grants WHERE role_name = {SqlQuote.Literal(team)}",
            ["system_privileges"] = $"SELECT count(*) FROM svv_system_privileges WHERE identity_name = {SqlQuote.Literal(scenario.FunctionRole)}",
            ["default:user"] = $"SELECT count(*) FROM svv_default_privileges WHERE grantee_type = 'user' AND grantee_name = {SqlQuote.Literal(scenario.User)}",
            ["default:role"] = $"SELECT count(*) FROM svv_default_privileges WHERE grantee_type = 'role' AND grantee_name = {SqlQuote.Literal(scenario.FunctionRole)}",
            ["default:group"] = $"SELECT count(*) FROM svv_default_privileges WHERE grantee_type = 'group' AND grantee_name = {SqlQuote.Literal(group)}",
            ["default:public"] = "SELECT count(*) FROM svv_default_privileges WHERE grantee_type = 'public' AND schema_name = 'sales'",
            ["scoped:user"] = $"SELECT count(*) FROM svv_schema_privileges WHERE privilege_scope = 'TABLES' AND identity_name = {SqlQuote.Literal(scenario.User)}",
            ["pg_group"] = $"SELECT count(*) FROM pg_group WHERE groname = {SqlQuote.Literal(group)}",
        };
        var builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString(scenario.Database)) { Username = login, Password = password };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var seen = new HashSet<string>();
        foreach (var (name, sql) in queries)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                seen.Add(name);
            }
        }

        return seen;
    }
}
