using Cargo.Doctor.Sources.Probes;

namespace Cargo.Doctor.Tests.Sources.Probes;

/// <summary>
/// Answers probe statements like Redshift would: records every statement, returns the same rows for
/// the source and copy tables (or different ones), and throws a documented Redshift error at the
/// first statement starting with <see cref="FailOn"/>.
/// </summary>
public sealed class FakeRedshiftExecutor : IProbeExecutor
{
    public static readonly IReadOnlyList<IReadOnlyList<string?>> Rows =
    [
        ["1", "plain text", "12345.6789", "2024-02-29 23:59:59.123456", "true"],
        ["4", null, null, null, null],
    ];

    public List<string> Statements { get; } = [];

    public string Database => "dev";

    public string? FailOn { get; init; }

    public string? SqlState { get; init; } = "XX000";

    public string ErrorMessage { get; init; } = "";

    /// <summary>Thrown instead of the Redshift error when set (a lost connection, a timeout).</summary>
    public ProbeStatementException? Failure { get; init; }

    public IReadOnlyList<IReadOnlyList<string?>> CopyRows { get; init; } = Rows;

    public bool Disposed { get; private set; }

    public Task ExecuteAsync(string sql, CancellationToken ct)
    {
        Run(sql);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct)
    {
        Run(sql);
        IReadOnlyList<IReadOnlyList<string?>> rows = sql switch
        {
            _ when sql.Contains(RoundTripSql.CopyTable, StringComparison.Ordinal) => CopyRows,
            _ when sql.Contains(RoundTripSql.SourceTable, StringComparison.Ordinal) => Rows,
            _ when sql.Contains("f_cargo_doctor_probe", StringComparison.Ordinal) => [["42"]],
            _ when sql.Contains("cargo_doctor_probe", StringComparison.Ordinal) => [["1", "cargo-doctor"]],
            _ => [],
        };
        return Task.FromResult(rows);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private void Run(string sql)
    {
        Statements.Add(sql);
        if (FailOn is not null && sql.StartsWith(FailOn, StringComparison.Ordinal))
        {
            throw Failure ?? new ProbeStatementException(SqlState, ErrorMessage);
        }
    }
}
