namespace Cargo.Doctor.Sources.Probes;

/// <summary>One server session: its process id and when it started (as the session list shows it).</summary>
public sealed record LiveSession(int Pid, string? StartedAt);

/// <summary>
/// The server sessions the Cargo user can see, and its own. On Redshift STV_SESSIONS: "regular
/// users can see only their own data" (https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SESSIONS.html),
/// which is enough: a scratch schema's session is one of the same user. On PostgreSQL (no
/// STV_SESSIONS) pg_stat_activity, the current user's sessions only, as on Redshift. The list counts only when it shows our own session: otherwise
/// it cannot be trusted to show the others, and the sweep falls back to the marker's age.
/// </summary>
public sealed record LiveSessions(LiveSession Own, IReadOnlyList<LiveSession> All)
{
    /// <summary>https://docs.aws.amazon.com/redshift/latest/dg/PG_BACKEND_PID.html</summary>
    public const string OwnPid = "SELECT pg_backend_pid()";

    public const string RedshiftList = "SELECT process, starttime FROM stv_sessions";

    public const string PostgreSqlList = "SELECT pid, backend_start AT TIME ZONE 'UTC' FROM pg_catalog.pg_stat_activity WHERE pid IS NOT NULL AND usename = current_user";

    /// <summary>False when no session has the marker's pid, or one has it but started at another time (a reused pid).</summary>
    public bool IsAlive(LiveSession marked) =>
        All.Any(s => s.Pid == marked.Pid && (marked.StartedAt is null || s.StartedAt == marked.StartedAt));

    /// <summary>The sessions, or null and why they cannot be listed.</summary>
    internal static async Task<(LiveSessions? Sessions, string? Why)> ReadAsync(ProbeRecorder recorder, CancellationToken ct)
    {
        IReadOnlyList<IReadOnlyList<string?>> rows;
        int? own;
        try
        {
            own = Pid((await recorder.QueryAsync("own-session", OwnPid, ct)).FirstOrDefault()?.FirstOrDefault());
            try
            {
                rows = await recorder.QueryAsync("list-sessions", RedshiftList, ct);
            }
            catch (ProbeStatementException e) when (e.SqlState == "42P01")
            {
                // No STV_SESSIONS: not Redshift.
                rows = await recorder.QueryAsync("list-sessions", PostgreSqlList, ct);
            }
        }
        catch (ProbeStatementException e) when (e.Cause is null)
        {
            return (null, $"the server sessions could not be listed ({e.Message.Split('\n')[0]})");
        }

        var all = rows.Where(r => r.Count >= 2 && Pid(r[0]) is not null).Select(r => new LiveSession(Pid(r[0])!.Value, r[1])).ToList();
        var mine = own is null ? null : all.FirstOrDefault(s => s.Pid == own);
        return mine is null
            ? (null, "the session list does not show this run's own session, so it cannot show the others")
            : (new LiveSessions(mine, all), null);
    }

    private static int? Pid(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
}
