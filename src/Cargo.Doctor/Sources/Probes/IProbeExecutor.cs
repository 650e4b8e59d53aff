namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// Runs one probe statement in the warehouse. The real implementation goes through a
/// <see cref="Warehouse.WarehouseSession"/>; tests substitute one that answers like Redshift
/// (PostgreSQL cannot run UNLOAD/COPY). A failed statement throws <see cref="ProbeStatementException"/>.
/// </summary>
public interface IProbeExecutor : IAsyncDisposable
{
    string Database { get; }

    Task ExecuteAsync(string sql, CancellationToken ct);

    /// <summary>Every row, each value as invariant text (null stays null).</summary>
    Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct);
}
