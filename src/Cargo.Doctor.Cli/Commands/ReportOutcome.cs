using System.Diagnostics;
using Cargo.Doctor.Accepted;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.History;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Reports.Sarif;
using Cargo.Doctor.Rules;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>Shared tail of <c>check</c> and <c>report</c>: evaluate, print, write, pick the exit code.</summary>
internal static class ReportOutcome
{
    /// <summary>New items printed per check on the terminal; the reports list them all.</summary>
    private const int MaxNewItemsShown = 10;

    /// <param name="reported">Given the report as written (a fleet run puts it in its summary).</param>
    /// <param name="redact">--redact: the rules still see the real facts; only what is printed and written is redacted.</param>
    public static int EvaluateAndWrite(
        FactsSnapshot facts, CheckCatalog catalog, TerminalOutput terminal, string outDir,
        IReadOnlyList<IReportRenderer> renderers, TimeSpan gatherTime, CheckSelection selection, FailThreshold failOn,
        bool redact = false, IReadOnlySet<string>? unfinishedAreas = null, AcceptedRun? accepted = null,
        BaselineInput? baseline = null, Action<Report>? reported = null)
    {
        if (selection.AddedAsDependencies.Count > 0)
        {
            facts = facts with
            {
                Notes = [.. facts.Notes, $"Not selected but run because selected checks depend on them: {string.Join(", ", selection.AddedAsDependencies)}."],
            };
        }

        var clock = Stopwatch.StartNew();
        // A cancelled run's unfinished areas are unknown, whatever their rules make of the missing facts.
        var findings = new CheckRunner(catalog, RuleSet.All, selection).Run(facts)
            .Select(f => unfinishedAreas is null ? f : CancelledRun.Mark(f, catalog[f.CheckId], unfinishedAreas))
            .ToList();
        if (accepted is { Entries.Count: > 0 })
        {
            // After the rules: an acceptance changes what counts, never what was found.
            var applied = AcceptedFindings.Apply(findings, accepted.Entries, accepted.Today);
            findings = [.. applied.Findings];
            facts = facts with { Notes = [.. facts.Notes, .. applied.Notes] };
        }

        if (baseline is { Run.LineByLine: true })
        {
            facts = facts with { Notes = [.. facts.Notes, baseline.Run.LineByLineNote] };
        }

        var redacted = redact ? RedactedOutput.Of(facts) : null;
        var otherTarget = BaselineTarget(baseline, redacted?.Facts ?? facts);

        foreach (var finding in findings.Where(f => selection.Runs(f.CheckId)))
        {
            terminal.Finding(catalog[finding.CheckId], redacted?.Redact(finding) ?? finding);
        }

        if (redacted is not null)
        {
            findings = findings.Select(redacted.Redact).ToList();
        }

        var report = Report.Create(redacted?.Facts ?? facts, catalog, findings, gatherTime + clock.Elapsed) with
        {
            FailOn = failOn,
            Baseline = baseline?.Run.ToBaseline(),
            OtherTarget = otherTarget,
        };
        var files = ReportWriter.WriteEach(report, outDir, renderers);
        reported?.Invoke(report);
        foreach (var unwritten in files.Unwritten)
        {
            terminal.Error($"could not write {unwritten.Path}: {unwritten.Reason}");
        }

        terminal.Summary(report, files.Written);
        if (renderers.OfType<SarifReportRenderer>().Any(r => r.Anchor is null))
        {
            terminal.Line($"note: {SarifReportRenderer.NoAnchorNote}");
        }

        if (baseline is not null)
        {
            BaselineLines(report, baseline.Run, terminal);
        }

        if (GitHubActionsOutput.Enabled)
        {
            GitHubActionsOutput.Write(report, renderers.OfType<SarifReportRenderer>().FirstOrDefault()?.Anchor, terminal);
        }

        return report.Failed ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    /// <summary>
    /// Null when the baseline is of the same warehouse (compared as written: redacted or not);
    /// otherwise a usage error, or with --allow-other-target the banner every report starts with.
    /// </summary>
    private static string? BaselineTarget(BaselineInput? baseline, FactsSnapshot written)
    {
        if (baseline is null || TargetMatch.Difference("the baseline", baseline.Run, "this run", TargetIdentity.Of(written), written.Redacted) is not { } difference)
        {
            return null;
        }

        return baseline.AllowOtherTarget
            ? TargetMatch.Banner(difference)
            : throw new UsageException($"--baseline: {difference} (pass --allow-other-target to compare anyway)");
    }

    /// <summary>The count of new and fixed checks, each new item under its check, and how the baseline was compared.</summary>
    private static void BaselineLines(Report report, RunFindings baseline, TerminalOutput terminal)
    {
        var marks = report.Entries.Select(report.MarkAgainstBaseline).ToList();
        terminal.Line($"against the baseline: {marks.Count(m => m == BaselineMark.New)} new, {marks.Count(m => m == BaselineMark.Fixed)} fixed; only new problems fail the run");
        foreach (var entry in report.Entries.Where(e => report.NewSinceBaseline(e).Count > 0))
        {
            var fresh = report.NewSinceBaseline(entry);
            var more = fresh.Count > MaxNewItemsShown ? $"; … and {fresh.Count - MaxNewItemsShown} more (report.json newItems lists every one)" : "";
            terminal.Line($"  new in {entry.Check.Id}: {string.Join("; ", fresh.Take(MaxNewItemsShown).Select(i => i.Text))}{more}");
        }

        if (baseline.LineByLine)
        {
            terminal.Line($"note: {baseline.LineByLineNote}");
        }

        if (report.OtherTarget is { } banner)
        {
            terminal.Line($"warning: {banner}");
        }
    }
}
