using System.Data;
using System.Data.Common;
using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// One open connection to one database, counting every statement it runs (the benchmark checks
/// the count does not grow with the number of tables) and logging them for the report appendix.
/// A server error stays a <see cref="PostgresException"/> (the session is marked lost when it closed
/// the connection); a dropped connection or a command timeout becomes a
/// <see cref="WarehouseReadException"/>, and once the connection is lost every later statement fails
/// that way without touching the network.
/// </summary>
public sealed class WarehouseSession(NpgsqlConnection connection, NpgsqlDataSource dataSource, StatementLog log) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;

    public string Database => Connection.Database;

    /// <summary>Why the connection is gone; null while it is usable.</summary>
    public Gap? Lost { get; private set; }

    /// <summary>Runs a query and maps every row; parameters are always bound, never spliced.</summary>
    public async Task<List<T>> QueryAsync<T>(
        string sql, IReadOnlyDictionary<string, object> parameters, Func<DbDataReader, T> map, CancellationToken ct)
    {
        ThrowIfLost();
        try
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
        catch (NpgsqlException e) when (e is not PostgresException || !IsOpen)
        {
            var failure = Classify(sql, e);
            if (e is PostgresException)
            {
                // The server's own error (e.g. 57P01) keeps its SQLSTATE for the caller; the session is marked lost.
                throw;
            }

            throw failure;
        }
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

    private bool IsOpen => Connection.FullState == ConnectionState.Open;

    private void ThrowIfLost()
    {
        if (Lost is null && !IsOpen)
        {
            Lost = new Gap($"the connection to \"{Database}\" is closed");
        }

        if (Lost is not null)
        {
            throw new WarehouseReadException(Lost);
        }
    }

    private WarehouseReadException Classify(string sql, NpgsqlException e)
    {
        if (e.InnerException is TimeoutException)
        {
            // Npgsql cancels the statement on the server when its command timeout runs out.
            var gap = new Gap($"the {StatementName(sql)} statement did not finish within {Connection.CommandTimeout} s (command timeout) in \"{Database}\"");
            if (!IsOpen)
            {
                Lost = gap;
            }

            return new WarehouseReadException(gap, e);
        }

        var reason = e is PostgresException p ? $"{p.MessageText} ({p.SqlState})" : e.InnerException is null ? e.Message : $"{e.Message}: {e.InnerException.Message}";
        if (IsOpen)
        {
            // Refused before it reached the server (e.g. too many parameters): the connection is fine.
            return new WarehouseReadException(new Gap($"the {StatementName(sql)} statement failed in \"{Database}\": {reason}"), e);
        }

        Lost = new Gap($"the connection to \"{Database}\" was lost during the {StatementName(sql)} statement: {reason}");
        return new WarehouseReadException(Lost, e);
    }

    /// <summary>The check a catalog query serves, from its first comment line (<c>-- db.table-grants: ...</c>).</summary>
    private static string StatementName(string sql)
    {
        var first = sql.TrimStart().Split('\n', 2)[0];
        return first.StartsWith("--", StringComparison.Ordinal) && first.Contains(':', StringComparison.Ordinal)
            ? first[2..first.IndexOf(':', StringComparison.Ordinal)].Trim()
            : "catalog";
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
