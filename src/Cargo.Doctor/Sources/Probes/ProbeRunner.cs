using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Sources.Warehouse;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// Runs the live probes as the Cargo user, in one session: drops marked leftovers of runs that
/// died, creates the scratch schema (schema probe), a function in it (function probe), drops the
/// schema in a finally (also on Ctrl-C, with a token that cannot be cancelled), then the COPY/UNLOAD
/// round trip in TEMP tables. Nothing is left in the warehouse.
/// </summary>
public sealed class ProbeRunner(ProbePlan plan, Func<CancellationToken, Task<(IProbeExecutor? Executor, string? Failure)>> open)
{
    private readonly List<ProbeStatement> _log = [];

    /// <summary>Probes through a real connection as the Cargo user, logging to <paramref name="log"/>.</summary>
    public static ProbeRunner ForWarehouse(ProbePlan plan, WarehouseConfig config, string? password, StatementLog log) =>
        new(plan, WarehouseOpener(plan, config, password, log));

    public static Func<CancellationToken, Task<(IProbeExecutor? Executor, string? Failure)>> WarehouseOpener(
        ProbePlan plan, WarehouseConfig config, string? password, StatementLog log) =>
        async ct =>
        {
            var (session, connection) = await new WarehouseConnector(config, password, log).OpenAsync(plan.Database!, ct);
            return session is null ? (null, connection.FailureMessage) : (new WarehouseProbeExecutor(session), null);
        };

    public async Task<ProbeFacts> RunAsync(CancellationToken ct)
    {
        var facts = new ProbeFacts
        {
            RunId = plan.RunId,
            Database = plan.Database,
            User = plan.CargoUser,
            RoundTrip = plan.RoundTrip is { } t ? new RoundTripFacts(t.Bucket, t.Folder(plan.RunId), t.CustomerRoleArn, t.CargoRoleArn, t.Region) : null,
        };
        if (!plan.RunsAny)
        {
            return facts with { Results = ProbeIds.All.Select(id => ProbeResult.Skip(id, plan.Skips[id])).ToList() };
        }

        var (opened, failure) = await open(ct);
        if (opened is null)
        {
            // db.connect answered for the catalog reads, yet the probes' own connection failed: unknown, not skipped.
            var reason = $"could not connect to \"{plan.Database}\" as \"{plan.CargoUser}\" for the probes ({failure})";
            return facts with
            {
                Results = ProbeIds.All.Select(id => plan.Skips.TryGetValue(id, out var skip)
                    ? ProbeResult.Skip(id, skip)
                    : new ProbeResult { ProbeId = id, Status = ProbeRunStatus.NotConnected, SkipReason = reason }).ToList(),
            };
        }

        var scratch = new ScratchSchema(plan.RunId);
        var results = new Dictionary<string, ProbeResult>();
        var reconnects = new List<string>();
        LeftoverSweep.Result sweep = new([], [], [], null);
        string? cleanupError = null;
        string? scanError = null;
        var executor = new ReconnectingExecutor(opened, open, reconnects);
        await using (executor)
        {
            var scratchMayExist = false;
            try
            {
                var endedBeforeSweep = executor.SessionsEnded;
                try
                {
                    sweep = await LeftoverSweep.RunAsync(new ProbeRecorder("cleanup", executor, _log), plan.StartedAt, plan.ConfiguredSchemas, ct);
                }
                catch (ProbeStatementException e)
                {
                    // Housekeeping must not stop the probes: report it and go on.
                    scanError = e.Message;
                }

                if (Runs(ProbeIds.SchemaCreate))
                {
                    var recorder = new ProbeRecorder(ProbeIds.SchemaCreate, executor, _log);
                    // The marker names the session that creates the schema: when the sweep's session ended, another
                    // run must not take the schema for a dead run's while this one still uses it.
                    var own = executor.SessionsEnded == endedBeforeSweep ? sweep.Sessions?.Own : await OwnSessionAsync(executor, ct);
                    var marker = new ScratchMarker(DateTimeOffset.UtcNow, Cargo.Doctor.ToolVersion.Current, own);
                    results[ProbeIds.SchemaCreate] = await RunProbeAsync(recorder, async () =>
                    {
                        scratchMayExist = true;
                        await recorder.ExecuteAsync("create-schema", scratch.Create, ct);
                        await SchemaProbeAsync(recorder, scratch, marker, ct);
                    });
                    // A CREATE SCHEMA the server refused created nothing; one whose answer never came (a cut
                    // connection, a timeout) may have committed: drop it if it is there.
                    scratchMayExist = results[ProbeIds.SchemaCreate].Error is not { Step: "create-schema" } error
                        || error.Cause is ProbeErrorCause.ConnectionLost or ProbeErrorCause.TimedOut;
                }

                if (Runs(ProbeIds.FunctionCreate))
                {
                    results[ProbeIds.FunctionCreate] = scratchMayExist
                        ? await RunProbeAsync(new ProbeRecorder(ProbeIds.FunctionCreate, executor, _log), r => FunctionProbeAsync(r, scratch, ct))
                        : ProbeResult.Skip(ProbeIds.FunctionCreate, "not run: it needs the scratch schema, which could not be created (see probe.schema-create)");
                }
            }
            finally
            {
                if (scratchMayExist)
                {
                    cleanupError = await DropScratchAsync(executor, scratch);
                }
            }

            if (Runs(ProbeIds.CopyRoundTrip))
            {
                var recorder = new ProbeRecorder(ProbeIds.CopyRoundTrip, executor, _log);
                results[ProbeIds.CopyRoundTrip] = await RunProbeAsync(recorder, () => RoundTripAsync(recorder, new RoundTripSql(plan.RoundTrip!, plan.RunId), ct));
            }
        }

        return facts with
        {
            ScratchSchema = scratch.Name,
            Results = ProbeIds.All.Select(id => results.GetValueOrDefault(id) ?? ProbeResult.Skip(id, plan.Skips[id])).ToList(),
            LeftoversDropped = sweep.Dropped,
            LeftoversKept = sweep.Kept,
            LeftoversLeftAlone = sweep.LeftAlone,
            Reconnects = reconnects,
            CleanupError = cleanupError,
            LeftoverScanError = scanError,
            Statements = _log.ToList(),
        };
    }

    private bool Runs(string probeId) => !plan.Skips.ContainsKey(probeId);

    private static async Task<ProbeResult> RunProbeAsync(ProbeRecorder recorder, Func<Task<ProbeResult>> body)
    {
        try
        {
            return await body();
        }
        catch (ProbeStatementException e)
        {
            return recorder.Failed(e);
        }
    }

    private static Task<ProbeResult> RunProbeAsync(ProbeRecorder recorder, Func<Task> body) =>
        RunProbeAsync(recorder, async () =>
        {
            await body();
            return recorder.Succeeded();
        });

    private static Task<ProbeResult> RunProbeAsync(ProbeRecorder recorder, Func<ProbeRecorder, Task<ProbeResult>> body) =>
        RunProbeAsync(recorder, () => body(recorder));

    /// <summary>This run's session after a reconnect, or null (the marker then names none, and its age decides).</summary>
    private async Task<LiveSession?> OwnSessionAsync(IProbeExecutor executor, CancellationToken ct)
    {
        try
        {
            return (await LiveSessions.ReadAsync(new ProbeRecorder("cleanup", executor, _log), ct)).Sessions?.Own;
        }
        catch (ProbeStatementException)
        {
            return null;
        }
    }

    private static async Task SchemaProbeAsync(ProbeRecorder r, ScratchSchema scratch, ScratchMarker marker, CancellationToken ct)
    {
        // The marker names this session: if the run is killed, a later run sees it gone and drops the schema at once.
        // CREATE SCHEMA and COMMENT are two autocommitted statements, not one transaction: Redshift's pages
        // (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_SCHEMA.html, r_COMMENT.html) do not say
        // either may run inside a transaction block, and r_BEGIN.html speaks of DDL only in general. A run
        // stopped between the two leaves an unmarked schema named with its run id, which the sweep
        // recognises by name, owner, contents and live sessions (LeftoverSweep.DecideUnmarked).
        await r.ExecuteAsync("comment", scratch.Comment(marker.Text), ct);
        await r.ExecuteAsync("create-table", $"CREATE TABLE {scratch.ProbeTable} (id INT, note VARCHAR(32))", ct);
        await r.ExecuteAsync("insert", $"INSERT INTO {scratch.ProbeTable} (id, note) VALUES (1, 'cargo-doctor')", ct);
        var rows = await r.QueryAsync("select", $"SELECT id, note FROM {scratch.ProbeTable}", ct);
        if (rows.Count != 1 || rows[0][0] != "1" || rows[0][1] != "cargo-doctor")
        {
            throw new ProbeStatementException(null, $"the row inserted into {scratch.ProbeTable} did not read back ({rows.Count} row(s))");
        }

        await r.ExecuteAsync("drop-table", $"DROP TABLE {scratch.ProbeTable}", ct);
        r.Observe($"created schema \"{scratch.Name}\", a table in it, inserted and read a row, dropped the table");
    }

    private static async Task<ProbeResult> FunctionProbeAsync(ProbeRecorder r, ScratchSchema scratch, CancellationToken ct)
    {
        await r.ExecuteAsync("create-function",
            $"CREATE OR REPLACE FUNCTION {scratch.ProbeFunction}(INT) RETURNS INT STABLE AS $$ SELECT $1 + 1 $$ LANGUAGE sql", ct);
        var rows = await r.QueryAsync("call", $"SELECT {scratch.ProbeFunction}(41)", ct);
        await r.ExecuteAsync("drop-function", $"DROP FUNCTION {scratch.ProbeFunction}(INT)", ct);
        var value = rows.Count == 1 ? rows[0][0] : null;
        r.Observe($"created {scratch.ProbeFunction}(INT), called it with 41: returned {value ?? "nothing"}, dropped it");
        return value == "42" ? r.Succeeded() : r.Mismatch($"the probe function returned {value ?? "nothing"} instead of 42");
    }

    private static async Task<ProbeResult> RoundTripAsync(ProbeRecorder r, RoundTripSql sql, CancellationToken ct)
    {
        await r.ExecuteAsync("create-source", sql.CreateSource, ct);
        await r.ExecuteAsync("insert", sql.InsertRows, ct);
        await r.ExecuteAsync("unload", sql.Unload, ct);
        await r.ExecuteAsync("create-copy", sql.CreateCopy, ct);
        await r.ExecuteAsync("copy", sql.Copy, ct);
        var written = await r.QueryAsync("read-source", sql.SelectSource, ct);
        var read = await r.QueryAsync("read-copy", sql.SelectCopy, ct);
        r.Observe($"unloaded {written.Count} row(s) to {sql.Folder} and copied {read.Count} back; the files stay in Cargo's bucket");
        var differences = RowComparison.Differences(written, read);
        return differences.Count == 0 ? r.Succeeded() : r.Mismatch(string.Join("\n", differences));
    }

    /// <summary>
    /// Drops this run's schema whatever happened: never cancelled, object by object then RESTRICT
    /// (never CASCADE); once more on a fresh session if the first attempt fails.
    /// </summary>
    private async Task<string?> DropScratchAsync(IProbeExecutor executor, ScratchSchema scratch)
    {
        try
        {
            return await DropScratchOnAsync(executor, scratch);
        }
        catch (Exception first) when (first is ProbeStatementException or InvalidOperationException or Npgsql.NpgsqlException or OperationCanceledException)
        {
            // The session may be broken by a cancelled statement: try once more on a new one.
            try
            {
                var (fresh, failure) = await open(CancellationToken.None);
                if (fresh is null)
                {
                    return $"could not drop scratch schema \"{scratch.Name}\": {first.Message}; reconnect failed: {failure}; {NextRunSweeps(scratch)}";
                }

                await using (fresh)
                {
                    return await DropScratchOnAsync(fresh, scratch);
                }
            }
            catch (Exception second) when (second is ProbeStatementException or InvalidOperationException or Npgsql.NpgsqlException)
            {
                return $"could not drop scratch schema \"{scratch.Name}\": {second.Message}; {NextRunSweeps(scratch)}";
            }
        }
    }

    /// <summary>What happens to a scratch schema this run could not drop: a later run drops it only while it holds nothing else.</summary>
    private static string NextRunSweeps(ScratchSchema scratch) =>
        "a later cargo-doctor run as the same user drops it once this run's sessions have ended, as long as it holds only what cargo-doctor creates; " +
        "otherwise, after review, an admin can run (a statement for an object already gone fails harmlessly): " +
        string.Join(" ", ScratchSchema.DropStatements(scratch.Name,
            [new SchemaObject(scratch.Name, "table", ScratchSchema.TableName, 0), new SchemaObject(scratch.Name, "function", ScratchSchema.FunctionName, 1)]).Select(s => s + ";"));

    private async Task<string?> DropScratchOnAsync(IProbeExecutor executor, ScratchSchema scratch)
    {
        var recorder = new ProbeRecorder("cleanup", executor, _log);
        var contents = await LeftoverSweep.ReadContentsAsync(recorder, CancellationToken.None);
        var problem = await LeftoverSweep.DropAsync(recorder, "drop-scratch", scratch.Name, contents.Where(o => o.Schema == scratch.Name).ToList(), ifExists: true, CancellationToken.None);
        return problem is null ? null : $"could not drop this run's scratch schema \"{scratch.Name}\": {problem}";
    }
}
