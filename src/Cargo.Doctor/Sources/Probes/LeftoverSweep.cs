using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>What the sweep decided for one schema whose name looks like a scratch schema.</summary>
public enum LeftoverVerdict
{
    /// <summary>Not our name, or a comment that is not our marker, or no marker and not exactly a run id's name: not ours, not mentioned.</summary>
    NotOurs,

    /// <summary>Named in the configuration: never touched.</summary>
    Configured,

    /// <summary>The comment claims to be our marker but does not read as one we write, or is dated in the future.</summary>
    Foreign,

    /// <summary>The session that created it is still connected: a run in progress.</summary>
    InUse,

    /// <summary>Sessions cannot be listed and it is younger than <see cref="ScratchSchema.LeftoverAge"/>.</summary>
    Recent,

    /// <summary>Its run died: dropped, object by object, if it holds only what the probes create.</summary>
    Stale,
}

/// <summary>
/// Removes scratch schemas of earlier runs that died, and only those: the exact name prefix, our
/// marker, owned by the current user, not named in the configuration, and holding nothing the
/// probes do not create. A schema whose session has ended goes at once; the marker's age decides
/// only when sessions cannot be listed. A schema with no comment at all whose name is exactly
/// <c>cargo_doctor_&lt;run id&gt;</c> is a run stopped between CREATE SCHEMA and its marker COMMENT
/// (killed, or its connection cut): ours when no session of the Cargo user that could be that
/// run (started after the run id's time, before this run began) is still connected, or, when
/// sessions cannot be listed, once the run id's time is older than <see cref="ScratchSchema.LeftoverAge"/>.
/// Never drops with CASCADE: what depends on or lives in a
/// leftover keeps it, and the report gives the statements an admin can run after review.
/// </summary>
internal static class LeftoverSweep
{
    /// <summary>Clocks of two machines running the tool may differ a little; beyond this a marker is "from the future".</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>An unmarked schema whose run began longer ago than this is no run's in progress, whatever sessions are connected.</summary>
    public static readonly TimeSpan UnmarkedMaxAge = TimeSpan.FromHours(24);

    public sealed record Result(List<string> Dropped, List<string> Kept, List<Facts.LeftoverLeftAlone> LeftAlone, LiveSessions? Sessions);

    public static (LeftoverVerdict Verdict, string Reason) Decide(
        string name, string? comment, DateTimeOffset now, IReadOnlyCollection<string> configured, LiveSessions? sessions, string? whyNoSessions)
    {
        var unmarked = comment is null && ScratchSchema.RunStarted(name) is not null;
        if (!name.StartsWith(ScratchSchema.NamePrefix, StringComparison.Ordinal) || !(unmarked || ScratchMarker.Claims(comment)))
        {
            return (LeftoverVerdict.NotOurs, "");
        }

        if (configured.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return (LeftoverVerdict.Configured, "it is named in the configuration (--schema), and cargo-doctor never touches a configured schema");
        }

        if (unmarked)
        {
            return DecideUnmarked(ScratchSchema.RunStarted(name)!.Value, now, sessions, whyNoSessions);
        }

        if (ScratchMarker.Parse(comment!) is not { } marker)
        {
            return (LeftoverVerdict.Foreign, "its comment starts like cargo-doctor's marker but is not one cargo-doctor writes; not dropped: find out who created it");
        }

        if (marker.CreatedAt > now + ClockSkew)
        {
            return (LeftoverVerdict.Foreign, $"its marker is dated {marker.CreatedAt:yyyy-MM-dd HH:mm} UTC, in the future, so cargo-doctor did not write it as it is; not dropped: find out who created it");
        }

        if (sessions is not null && marker.Session is { } session)
        {
            return sessions.IsAlive(session)
                ? (LeftoverVerdict.InUse, $"the cargo-doctor session {session.Pid} that created it is still connected (a run in progress); a run after that session ends drops it if it then holds only what cargo-doctor creates")
                : (LeftoverVerdict.Stale, $"session {session.Pid} that created it has ended");
        }

        var age = now - marker.CreatedAt;
        var why = whyNoSessions ?? "its marker names no session";
        return age < ScratchSchema.LeftoverAge
            ? (LeftoverVerdict.Recent, $"created less than {ScratchSchema.LeftoverAge.TotalMinutes:0} minutes ago by cargo-doctor and {why}: possibly a run still in progress; a later run drops it if it then holds only what cargo-doctor creates")
            : (LeftoverVerdict.Stale, $"created more than {ScratchSchema.LeftoverAge.TotalMinutes:0} minutes ago and {why}");
    }

    /// <summary>
    /// A schema named like a run's but without its marker: that run stopped between CREATE SCHEMA and
    /// COMMENT. Its session started after the run id's time (the id is taken before connecting), so a
    /// session of the Cargo user started after that time, and before this run began, may be it.
    /// </summary>
    private static (LeftoverVerdict Verdict, string Reason) DecideUnmarked(DateTimeOffset runStarted, DateTimeOffset now, LiveSessions? sessions, string? whyNoSessions)
    {
        if (runStarted > now + ClockSkew)
        {
            return (LeftoverVerdict.Foreign, $"it has no marker and its name is dated {runStarted:yyyy-MM-dd HH:mm} UTC, in the future, so cargo-doctor did not create it as it is; not dropped: find out who created it");
        }

        if (now - runStarted > UnmarkedMaxAge)
        {
            // Cargo's own service connects as the same user: its sessions may always include one started
            // since, so beyond this age the sessions no longer decide (a run writes its marker right after CREATE SCHEMA).
            return (LeftoverVerdict.Stale, $"it has no marker (its run stopped between CREATE SCHEMA and the marker) and its run began more than {UnmarkedMaxAge.TotalHours:0} hours ago");
        }

        if (sessions is not null)
        {
            var maybe = sessions.All.Where(s => s.Pid != sessions.Own.Pid && MayBelongTo(s, runStarted, now)).ToList();
            return maybe.Count > 0
                ? (LeftoverVerdict.InUse, $"it has no marker (its run stopped before writing it, or is writing it now) and session(s) {string.Join(", ", maybe.Select(s => s.Pid))} of the Cargo user, started since that run began, are still connected; a run after they end (or once that run began more than {UnmarkedMaxAge.TotalHours:0} hours ago) drops it if it then holds only what cargo-doctor creates")
                : (LeftoverVerdict.Stale, "it has no marker (its run stopped between CREATE SCHEMA and the marker) and no session of the Cargo user started since that run began is still connected");
        }

        var why = whyNoSessions ?? "the sessions could not be listed";
        return now - runStarted < ScratchSchema.LeftoverAge
            ? (LeftoverVerdict.Recent, $"it has no marker, its run began less than {ScratchSchema.LeftoverAge.TotalMinutes:0} minutes ago and {why}: possibly a run still in progress; a later run drops it if it then holds only what cargo-doctor creates")
            : (LeftoverVerdict.Stale, $"it has no marker (its run stopped between CREATE SCHEMA and the marker), its run began more than {ScratchSchema.LeftoverAge.TotalMinutes:0} minutes ago and {why}");
    }

    /// <summary>A session whose start cannot be read may be anyone's: it counts as possibly the run's.</summary>
    private static bool MayBelongTo(LiveSession session, DateTimeOffset runStarted, DateTimeOffset now) =>
        !DateTimeOffset.TryParse(session.StartedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var started)
        || (started >= runStarted - ClockSkew && started <= now + ClockSkew);

    internal static async Task<Result> RunAsync(ProbeRecorder recorder, DateTimeOffset now, IReadOnlyCollection<string> configured, CancellationToken ct)
    {
        var result = new Result([], [], [], null);
        var (sessions, whyNoSessions) = await LiveSessions.ReadAsync(recorder, ct);
        result = result with { Sessions = sessions };
        var candidates = await recorder.QueryAsync("find-leftovers", ScratchSchema.FindCandidates, ct);
        var stale = new List<string>();
        foreach (var row in candidates)
        {
            var name = row[0]!;
            var (verdict, reason) = Decide(name, row[1], now, configured, sessions, whyNoSessions);
            switch (verdict)
            {
                case LeftoverVerdict.Stale:
                    stale.Add(name);
                    break;
                case LeftoverVerdict.InUse or LeftoverVerdict.Recent:
                    result.Kept.Add(name);
                    result.LeftAlone.Add(new(name, reason));
                    break;
                case LeftoverVerdict.Configured or LeftoverVerdict.Foreign:
                    result.LeftAlone.Add(new(name, reason));
                    break;
            }
        }

        if (stale.Count == 0)
        {
            return result;
        }

        var contents = await ReadContentsAsync(recorder, ct);
        foreach (var name in stale)
        {
            var problem = await DropAsync(recorder, "drop-leftover", name, contents.Where(o => o.Schema == name).ToList(), ifExists: false, ct);
            if (problem is null)
            {
                result.Dropped.Add(name);
            }
            else
            {
                result.LeftAlone.Add(new(name, problem));
            }
        }

        return result;
    }

    internal static async Task<IReadOnlyList<SchemaObject>> ReadContentsAsync(ProbeRecorder recorder, CancellationToken ct) =>
        (await recorder.QueryAsync("list-contents", ScratchSchema.FindContents, ct))
            .Select(r => new SchemaObject(r[0]!, r[1]!, r[2]!, int.Parse(r[3] ?? "0", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>Drops a scratch schema holding only the probes' objects; otherwise (or when refused) says why and what an admin can run.</summary>
    internal static async Task<string?> DropAsync(ProbeRecorder recorder, string step, string name, IReadOnlyList<SchemaObject> contents, bool ifExists, CancellationToken ct)
    {
        var own = contents.Where(ScratchSchema.IsOwnObject).ToList();
        var statements = ScratchSchema.DropStatements(name, own);
        if (ifExists)
        {
            statements = [.. statements.SkipLast(1), $"DROP SCHEMA IF EXISTS {SqlQuote.Ident(name)} RESTRICT"];
        }

        var foreign = contents.Where(o => !ScratchSchema.IsOwnObject(o)).ToList();
        if (foreign.Count > 0)
        {
            return $"it holds objects cargo-doctor never creates ({string.Join(", ", foreign)}); after review, move or drop them, then an admin can run: {Script(statements)}";
        }

        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                await recorder.ExecuteAsync(step, statements[i], ct);
            }
            catch (ProbeStatementException e) when (e.Cause is null)
            {
                // RESTRICT refused: something outside depends on it (the DETAIL names it). Leave it.
                return $"{statements[i]} was refused: {e.Message.ReplaceLineEndings(" ")}; after review of what depends on it, an admin can run: {Script(statements.Skip(i))}";
            }
        }

        return null;
    }

    private static string Script(IEnumerable<string> statements) => string.Join(" ", statements.Select(s => s + ";"));
}
