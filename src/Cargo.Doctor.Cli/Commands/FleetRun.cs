using System.Diagnostics;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Fleet;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Sources;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// `check` of the config file's targets: each target is the one-target run (facts, rules, its own
/// acceptances and baseline, reports in OUT/NAME/), at most --parallel at once; then one summary
/// of every target against every check. A target that cannot be checked at all is unknown in the
/// summary and never stops the others. Exit code: the worst target's.
/// </summary>
internal static class FleetRun
{
    public static async Task<int> RunAsync(FleetInputs inputs, TerminalOutput terminal, bool redact, Interruption interruption, CancellationToken ct)
    {
        terminal.Progress($"cargo-doctor {ToolVersion.Current}: checking {inputs.Targets.Count} target(s), {inputs.Parallel} at a time …");
        // From here a signal cancels ct instead of ending the process: the summary is still written.
        interruption.DeferUntilReported();
        using var slots = new SemaphoreSlim(inputs.Parallel);
        var finished = 0;
        var progress = new Lock();
        var runs = inputs.Targets.Select(async target =>
        {
            try
            {
                await slots.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return NotRun(inputs, target, $"not started: cancelled by {interruption.SignalName}", TimeSpan.Zero);
            }

            FleetTargetResult result;
            try
            {
                result = await RunOneAsync(inputs, target, redact, interruption, ct);
            }
            finally
            {
                slots.Release();
            }

            lock (progress)
            {
                finished++;
                terminal.Progress(ProgressLine(result, finished, inputs.Targets.Count));
            }

            return result;
        }).ToList();
        var results = await Task.WhenAll(runs);

        var checkIds = inputs.Catalog.Checks.Select(c => c.Id).Where(id => results.Any(r => r.Statuses.ContainsKey(id))).ToList();
        var summary = new FleetSummary(DateTimeOffset.UtcNow, checkIds, results)
        {
            Stopped = interruption.Requested ? ($"cancelled by {interruption.SignalName}", interruption.ExitCode) : null,
        };
        if (interruption.Requested)
        {
            terminal.Error($"cancelled ({interruption.SignalName}): writing the summary with the targets that finished");
        }

        var (written, unwritten) = FleetSummaryWriter.Write(summary, inputs.OutDir, inputs.Renderers.Select(r => r.Format).ToList());
        foreach (var (path, reason) in unwritten)
        {
            terminal.Error($"could not write {path}: {reason}");
        }

        terminal.Line($"fleet: {summary.Counts}; summary: {string.Join(", ", written)}");
        return summary.ExitCode;
    }

    private static async Task<FleetTargetResult> RunOneAsync(FleetInputs inputs, FleetTargetInputs target, bool redact, Interruption interruption, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var name = target.Target.Name;
        var outDir = Path.Combine(inputs.OutDir, name);
        // Each target's own lines stay in its reports: on the terminal, one line per finished target.
        var quiet = new TerminalOutput(TextWriter.Null, TextWriter.Null, false, false);
        Task collecting = Task.CompletedTask;
        try
        {
            var collector = new FactsCollector(target.Config, target.Password).CollectAsync(DateTimeOffset.UtcNow, ct);
            collecting = collector;
            // WaitAsync: a signal ends the wait even where a driver does not watch the token.
            var facts = await collector.WaitAsync(ct);
            Report? report = null;
            var code = ReportOutcome.EvaluateAndWrite(
                facts, inputs.Catalog, quiet, outDir, inputs.Renderers, clock.Elapsed, inputs.Selection, inputs.FailOn, redact,
                accepted: target.Accepted, baseline: target.Baseline, reported: r => report = r);
            var statuses = Matrix(report!, inputs.Selection);
            return new FleetTargetResult(name, code, statuses, name, Written(outDir, inputs.Renderers), null, clock.Elapsed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // As a one-target run does: a few seconds for the sources to clean up (probes drop their scratch schema).
            await Task.WhenAny(collecting, Task.Delay(CheckCommand.CleanupGrace, CancellationToken.None));
            return NotRun(inputs, target, $"cancelled by {interruption.SignalName} before it finished", clock.Elapsed);
        }
        catch (Exception e)
        {
            // Never the exception's text unless it is ours: a driver's message is not known to be free of secrets.
            var why = e is UsageException or ConfigException ? e.Message.ReplaceLineEndings("; ") : $"the run stopped ({e.GetType().Name})";
            if (redact)
            {
                why = TargetTextRedactor.Redact(why, FactsCollector.Describe(target.Config));
            }

            return new FleetTargetResult(name, ExitCodes.CheckFailed, AllUnknown(inputs), name, Written(outDir, inputs.Renderers), why, clock.Elapsed);
        }
    }

    /// <summary>A target the stopped run did not finish: every selected check unknown, no report of its own.</summary>
    private static FleetTargetResult NotRun(FleetInputs inputs, FleetTargetInputs target, string why, TimeSpan duration) =>
        new(target.Target.Name, ExitCodes.CheckFailed, AllUnknown(inputs), target.Target.Name, [], why, duration, Finished: false);

    private static Dictionary<string, CheckStatus> AllUnknown(FleetInputs inputs) =>
        inputs.Catalog.Checks.Where(c => inputs.Selection.Runs(c.Id)).ToDictionary(c => c.Id, _ => CheckStatus.Unknown);

    /// <summary>
    /// The target's row: each check's status as its report has it, except that a target whose
    /// warehouse could not be reached shows unknown, not skipped, for the checks that needed it.
    /// </summary>
    private static Dictionary<string, CheckStatus> Matrix(Report report, Engine.CheckSelection selection)
    {
        var entries = report.Entries.Where(e => selection.Runs(e.Check.Id)).ToList();
        // Not reached: the connect check failed or could not tell (before any acceptance); a warning (say, no SSL) still connected.
        var connect = entries.FirstOrDefault(e => e.Check.Id == ConnectRule.Id)?.Finding;
        var unreachable = (connect?.Acceptance is { Expired: false } accepted ? accepted.WasStatus : connect?.Status) is CheckStatus.Fail or CheckStatus.Unknown;
        return entries.ToDictionary(
            e => e.Check.Id,
            e => unreachable && e.Finding.Status == CheckStatus.Skipped && e.Check.Area is "warehouse" or "probe" ? CheckStatus.Unknown : e.Finding.Status);
    }

    private static List<string> Written(string outDir, IReadOnlyList<IReportRenderer> renderers) =>
        renderers.Select(r => r.FileName).Where(f => File.Exists(Path.Combine(outDir, f))).ToList();

    private static string ProgressLine(FleetTargetResult result, int finished, int total)
    {
        var counts = string.Join(", ", result.Statuses.Values.GroupBy(s => s).OrderByDescending(g => g.Key)
            .Select(g => $"{g.Count()} {CheckStatusWords.Word(g.Key)}"));
        var error = result.Error is null ? "" : $": {result.Error}";
        return $"[{finished}/{total}] {result.Name}: {result.Outcome} ({counts}) in {result.Duration.TotalSeconds:0.0} s{error}";
    }
}
