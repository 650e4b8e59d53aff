using Cargo.Doctor.Sources.Probes;

namespace Cargo.Doctor.Tests.Sources.Probes;

/// <summary>
/// One session of a warehouse whose answers are computed from the statements (<see cref="ProbeWarehouseModel"/>):
/// a probe that selects a table it never created, or COPYs from a prefix its UNLOAD did not write, gets
/// Redshift's refusal or other rows, not the ones it looks for. Records every statement; a test may
/// inject a fault: the first statement starting with <see cref="FailOn"/> throws a documented Redshift
/// error (or <see cref="Failure"/>) instead of running, and <see cref="BeforeStatement"/> lets a test play
/// someone else changing S3 between two statements.
/// </summary>
public sealed class FakeRedshiftExecutor : IProbeExecutor
{
    public List<string> Statements { get; } = [];

    public ProbeWarehouseModel Model { get; init; } = new();

    public string Database => "dev";

    public string? FailOn { get; init; }

    public string? SqlState { get; init; } = "XX000";

    public string ErrorMessage { get; init; } = "";

    /// <summary>Thrown instead of the Redshift error when set (a lost connection, a timeout).</summary>
    public ProbeStatementException? Failure { get; init; }

    /// <summary>Runs before each statement reaches the model.</summary>
    public Action<string, ProbeWarehouseModel>? BeforeStatement { get; init; }

    public bool Disposed { get; private set; }

    public Task ExecuteAsync(string sql, CancellationToken ct)
    {
        Run(sql);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct) =>
        Task.FromResult(Run(sql));

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private IReadOnlyList<IReadOnlyList<string?>> Run(string sql)
    {
        Statements.Add(sql);
        if (FailOn is not null && sql.StartsWith(FailOn, StringComparison.Ordinal))
        {
            throw Failure ?? new ProbeStatementException(SqlState, ErrorMessage);
        }

        BeforeStatement?.Invoke(sql, Model);
        return Model.Run(sql);
    }
}
