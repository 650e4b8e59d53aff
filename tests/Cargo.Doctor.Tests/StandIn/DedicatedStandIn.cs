using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;
using Npgsql;

namespace Cargo.Doctor.Tests.StandIn;

/// <summary>A class fixture: a stand-in over a cluster of its own, reset to an empty database "dev" before each test.</summary>
public sealed class DedicatedStandIn : IAsyncLifetime
{
    public const string Database = "dev";
    public const string Password = "Cargo-Conf-1";

    public RedshiftStandIn StandIn { get; private set; } = null!;

    public async ValueTask InitializeAsync() => StandIn = await RedshiftStandIn.StartDedicatedAsync();

    public async ValueTask DisposeAsync() => await StandIn.DisposeAsync();

    /// <summary>An empty cluster with an empty database dev, as every conformance case starts.</summary>
    public async Task FreshAsync()
    {
        await StandIn.ResetAsync();
        await StandIn.Upstream.ExecuteAsync("postgres", "CREATE DATABASE dev TEMPLATE template1");
    }

    /// <summary>Redshift SQL through the stand-in, as the admin (a superuser) or as a user created with <see cref="Password"/>.</summary>
    public Task RedshiftAsync(string sql, string? user = null) =>
        user is null ? StandIn.ExecuteAsync(Database, sql) : StandIn.ExecuteAsync(Database, sql, user, Password);

    /// <summary>One value read by the admin straight from PostgreSQL (not through the stand-in): the emulation's state.</summary>
    public async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = await StandIn.Upstream.OpenAdminAsync(Database);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One value read through the stand-in in one session that first runs <paramref name="setup"/>.</summary>
    public async Task<string?> ScalarThroughStandInAsync(string sql, string? user = null, params string[] setup)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = StandIn.Host,
            Port = StandIn.Port,
            Database = Database,
            Username = user ?? Fixtures.PostgresServer.AdminUser,
            Password = user is null ? Fixtures.PostgresServer.AdminPassword : Password,
            SslMode = SslMode.Require,
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in setup)
        {
            await using var step = new NpgsqlCommand(statement, connection);
            await step.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
