using System.Data;
using System.Globalization;
using Cargo.Doctor.Sources.Warehouse;
using Npgsql;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>Probe statements through a real <see cref="WarehouseSession"/>; failures become <see cref="ProbeStatementException"/>.</summary>
public sealed class WarehouseProbeExecutor(WarehouseSession session) : IProbeExecutor
{
    public string Database => session.Database;

    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        try
        {
            await session.ExecuteAsync(sql, ct);
        }
        catch (Exception e) when (IsStatementFailure(e, ct))
        {
            throw ProbeFailure.Translate(e, IsOpen);
        }
    }

    public async Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(
        string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct)
    {
        try
        {
            return await session.QueryAsync<IReadOnlyList<string?>>(sql, parameters, r =>
                Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? null : Text(r.GetValue(i))).ToList(), ct);
        }
        catch (Exception e) when (IsStatementFailure(e, ct))
        {
            throw ProbeFailure.Translate(e, IsOpen);
        }
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    private bool IsOpen => session.Connection.State == ConnectionState.Open;

    // A server error, a dropped link or a timeout; "connection is not open" (InvalidOperationException)
    // only when the connection really is gone. A cancellation the caller asked for stays a cancellation.
    private bool IsStatementFailure(Exception e, CancellationToken ct) =>
        e is PostgresException || (!ct.IsCancellationRequested && (e is NpgsqlException || (e is InvalidOperationException && !IsOpen)));

    private static string? Text(object value) => value switch
    {
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
