using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// The probes' session, reopened when the server (or Npgsql) ended it after an error: what remains
/// (the next probe, the cleanup) runs on a new session instead of failing with "connection is not
/// open". Each reconnect is recorded for the report; a failed reconnect is not retried, so an
/// unreachable warehouse costs one connect timeout, not one per remaining statement.
/// </summary>
internal sealed class ReconnectingExecutor(
    IProbeExecutor first, Func<CancellationToken, Task<(IProbeExecutor? Executor, string? Failure)>> open, List<string> reconnects) : IProbeExecutor
{
    private IProbeExecutor? _current = first;
    private ProbeStatementException? _ended;
    private string? _reconnectFailure;

    public string Database { get; } = first.Database;

    /// <summary>How many sessions have ended so far: a change means the next statement runs on another session.</summary>
    public int SessionsEnded { get; private set; }

    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await EnsureOpenAsync(ct);
        await Watch(() => _current!.ExecuteAsync(sql, ct));
    }

    public async Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct)
    {
        await EnsureOpenAsync(ct);
        IReadOnlyList<IReadOnlyList<string?>> rows = [];
        await Watch(async () => rows = await _current!.QueryAsync(sql, parameters, ct));
        return rows;
    }

    public ValueTask DisposeAsync() => _current?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task Watch(Func<Task> statement)
    {
        try
        {
            await statement();
        }
        catch (ProbeStatementException e) when (e.EndedSession)
        {
            _ended = e;
            SessionsEnded++;
            throw;
        }
    }

    private async Task EnsureOpenAsync(CancellationToken ct)
    {
        if (_reconnectFailure is not null)
        {
            throw new ProbeStatementException(null, _reconnectFailure) { Cause = ProbeErrorCause.ConnectionLost, EndedSession = true };
        }

        if (_ended is not { } ended)
        {
            return;
        }

        await _current!.DisposeAsync();
        _current = null;
        var why = $"the warehouse ended the probes' session after an error ({(ended.SqlState is null ? "" : $"SQLSTATE {ended.SqlState}: ")}{ended.Message.Split('\n')[0]})";
        var (fresh, failure) = await open(ct);
        if (fresh is null)
        {
            _reconnectFailure = $"{why} and reconnecting failed: {failure}";
            reconnects.Add(_reconnectFailure);
            throw new ProbeStatementException(null, _reconnectFailure) { Cause = ProbeErrorCause.ConnectionLost, EndedSession = true };
        }

        _current = fresh;
        _ended = null;
        reconnects.Add($"{why}; cargo-doctor reconnected and ran the remaining statements on a new session");
    }
}
