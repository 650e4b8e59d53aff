using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;
using Npgsql;

namespace Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;

/// <summary>Npgsql connections through a stand-in, as the scenario's Cargo user, TLS required, DETAIL included.</summary>
public static class StandInConnections
{
    public static async Task<NpgsqlConnection> OpenAsync(RedshiftStandIn standIn, WarehouseScenario scenario)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = standIn.Host,
            Port = standIn.Port,
            Database = scenario.Database,
            Username = scenario.User,
            Password = WarehouseScenario.Password,
            SslMode = SslMode.Require,
            Pooling = false,
            IncludeErrorDetail = true,
            Timeout = 15,
        }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<List<string?[]>> QueryAsync(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string?[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }

        return rows;
    }
}
