using System.Data.Common;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// One open connection to one database, counting every statement it runs (the benchmark checks
/// the count does not grow with the number of tables) and logging them for the report appendix.
/// </summary>
public sealed class WarehouseSession(NpgsqlConnection connection, NpgsqlDataSource dataSource, StatementLog log) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;

    public string Database => Connection.Database;

    /// <summary>Runs a query and maps every row; parameters are always bound, never spliced.</summary>
    public async Task<List<T>> QueryAsync<T>(
        string sql, IReadOnlyDictionary<string, object> parameters, Func<DbDataReader, T> map, CancellationToken ct)
    {
        await using var command = CreateCommand(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs a statement that returns no rows (probes); returns the affected row count.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, IReadOnlyDictionary<string, object>? parameters = null)
    {
        await using var command = CreateCommand(sql, parameters ?? new Dictionary<string, object>());
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    private NpgsqlCommand CreateCommand(string sql, IReadOnlyDictionary<string, object> parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        log.Record(Database, sql);
        return command;
    }
}
