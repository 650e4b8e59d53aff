using System.Globalization;
using Cargo.Doctor.Sources.Warehouse;
using Npgsql;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>Probe statements through a real <see cref="WarehouseSession"/>; server errors become <see cref="ProbeStatementException"/>.</summary>
public sealed class WarehouseProbeExecutor(WarehouseSession session) : IProbeExecutor
{
    public string Database => session.Database;

    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        try
        {
            await session.ExecuteAsync(sql, ct);
        }
        catch (PostgresException e)
        {
            throw Translate(e);
        }
        catch (NpgsqlException e) when (!ct.IsCancellationRequested)
        {
            throw new ProbeStatementException(null, e.Message, e);
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
        catch (PostgresException e)
        {
            throw Translate(e);
        }
        catch (NpgsqlException e) when (!ct.IsCancellationRequested)
        {
            throw new ProbeStatementException(null, e.Message, e);
        }
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    // Redshift puts the role and the error code of COPY/UNLOAD failures in DETAIL: keep it.
    private static ProbeStatementException Translate(PostgresException e) =>
        new(e.SqlState, string.IsNullOrWhiteSpace(e.Detail) ? e.MessageText : $"{e.MessageText}\nDETAIL: {e.Detail}", e);

    private static string? Text(object value) => value switch
    {
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
