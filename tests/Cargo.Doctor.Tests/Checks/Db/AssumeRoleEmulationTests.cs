using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Fixtures;
using Npgsql;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// The emulated ASSUMEROLE control behaves as its AWS pages say: has_assumerole_privilege answers a
/// regular user only about itself (r_HAS_ASSUMEROLE_PRIVILEGE.html), only a superuser grants
/// ASSUMEROLE and a chain is granted whole (r_GRANT-usage-notes.html), and svv_iam_privileges shows a
/// regular user only its own entries (r_SVV_IAM_PRIVILEGES.html).
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class AssumeRoleEmulationTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Chain = "arn:aws:iam::123456789012:role/a,arn:aws:iam::210987654321:role/b";

    private async Task<NpgsqlConnection> OpenAsAsync(WarehouseScenario scenario, string login)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString(scenario.Database)) { Username = login, Password = WarehouseScenario.Password };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task a_regular_user_may_ask_only_about_itself()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        var other = await CatalogLogin.CreateLoginAsync(scenario, systemTableAccess: true);
        await using var connection = await OpenAsAsync(scenario, other);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ScalarAsync(connection, $"SELECT has_assumerole_privilege({SqlQuote.Literal(scenario.User)}, {SqlQuote.Literal(Chain)}, 'COPY')"));

        Assert.Equal("42501", error.SqlState);
        Assert.Equal(true, await ScalarAsync(connection, $"SELECT has_assumerole_privilege({SqlQuote.Literal(other)}, {SqlQuote.Literal(Chain)}, 'COPY')"));
    }

    [Fact]
    public async Task after_the_revoke_only_the_whole_granted_chain_counts()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.AdminAsync("SELECT rs_revoke_assumerole_from_public()");
        await scenario.AdminAsync($"SELECT rs_grant_assumerole({SqlQuote.Literal(Chain)}, {SqlQuote.Literal(scenario.User)}, 'UNLOAD')");
        await using var connection = await OpenAsAsync(scenario, scenario.User);
        var user = SqlQuote.Literal(scenario.User);

        Assert.Equal(true, await ScalarAsync(connection, $"SELECT has_assumerole_privilege({user}, {SqlQuote.Literal(Chain)}, 'unload')"));
        Assert.Equal(false, await ScalarAsync(connection, $"SELECT has_assumerole_privilege({user}, {SqlQuote.Literal(Chain)}, 'COPY')"));
        Assert.Equal(false, await ScalarAsync(connection, $"SELECT has_assumerole_privilege({user}, {SqlQuote.Literal(Chain.Split(',')[0])}, 'UNLOAD')"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM svv_iam_privileges"));
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ScalarAsync(connection, $"SELECT rs_grant_assumerole({SqlQuote.Literal(Chain)}, {user}, 'COPY')"));
        Assert.Equal("42501", error.SqlState);
    }

    [Fact]
    public async Task a_regular_login_does_not_see_grants_to_public_or_to_others()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        var other = await CatalogLogin.CreateLoginAsync(scenario, systemTableAccess: false);
        await scenario.AdminAsync($"SELECT rs_grant_assumerole({SqlQuote.Literal(Chain)}, 'public', 'COPY')");
        await scenario.AdminAsync($"SELECT rs_grant_assumerole({SqlQuote.Literal(Chain)}, {SqlQuote.Literal(scenario.User)}, 'COPY')");
        await using var connection = await OpenAsAsync(scenario, other);

        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM svv_iam_privileges"));
    }
}
