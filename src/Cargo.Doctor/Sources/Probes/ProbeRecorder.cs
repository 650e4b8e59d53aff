using System.Diagnostics;
using Cargo.Doctor.Facts;
using Cargo.Doctor.ProbeErrors;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// Runs one probe's statements through the executor, recording each statement, its timing and the
/// step it belongs to, so a failure names the step and the report lists every statement.
/// </summary>
internal sealed class ProbeRecorder(string probeId, IProbeExecutor executor, List<ProbeStatement> runLog)
{
    private readonly List<ProbeStatement> _statements = [];
    private readonly List<ProbeTiming> _timings = [];
    private readonly List<string> _observations = [];

    public string ProbeId => probeId;

    public string CurrentStep { get; private set; } = "";

    public void Observe(string observation) => _observations.Add(observation);

    public async Task ExecuteAsync(string step, string sql, CancellationToken ct)
    {
        var clock = Begin(step, sql);
        await executor.ExecuteAsync(sql, ct);
        End(step, clock);
    }

    public async Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(
        string step, string sql, CancellationToken ct, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var clock = Begin(step, sql);
        var rows = await executor.QueryAsync(sql, parameters ?? new Dictionary<string, object>(), ct);
        End(step, clock);
        return rows;
    }

    public ProbeResult Succeeded() => Result(true, null);

    public ProbeResult Failed(ProbeStatementException e) => Result(false, new ProbeError
    {
        Step = CurrentStep,
        SqlState = e.SqlState,
        Message = e.Message,
        Cause = e.Cause ?? ProbeErrorClassifier.Classify(e.Message, e.SqlState),
        EndedSession = e.EndedSession,
    });

    public ProbeResult Mismatch(string message) => Result(false, new ProbeError
    {
        Step = CurrentStep,
        Message = message,
        Cause = ProbeErrorCause.RoundTripMismatch,
    });

    private Stopwatch Begin(string step, string sql)
    {
        CurrentStep = step;
        var statement = new ProbeStatement(probeId, executor.Database, sql);
        _statements.Add(statement);
        runLog.Add(statement);
        return Stopwatch.StartNew();
    }

    private void End(string step, Stopwatch clock) => _timings.Add(new ProbeTiming(step, Math.Round(clock.Elapsed.TotalMilliseconds, 1)));

    private ProbeResult Result(bool succeeded, ProbeError? error) => new()
    {
        ProbeId = probeId,
        Status = ProbeRunStatus.Ran,
        Succeeded = succeeded,
        Error = error,
        Observations = _observations.ToList(),
        Timings = _timings.ToList(),
        Statements = _statements.ToList(),
    };
}
