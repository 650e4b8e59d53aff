using System.Diagnostics;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>Shared tail of <c>check</c> and <c>report</c>: evaluate, print, write, pick the exit code.</summary>
internal static class ReportOutcome
{
    /// <param name="redact">--redact: the rules still see the real facts; only what is printed and written is redacted.</param>
    public static int EvaluateAndWrite(
        FactsSnapshot facts, CheckCatalog catalog, TerminalOutput terminal, string outDir,
        IReadOnlyList<IReportRenderer> renderers, TimeSpan gatherTime, CheckSelection selection, FailThreshold failOn, bool redact = false)
    {
        if (selection.AddedAsDependencies.Count > 0)
        {
            facts = facts with
            {
                Notes = [.. facts.Notes, $"Not selected but run because selected checks depend on them: {string.Join(", ", selection.AddedAsDependencies)}."],
            };
        }

        var redacted = redact ? RedactedOutput.Of(facts) : null;
        var clock = Stopwatch.StartNew();
        var findings = new CheckRunner(catalog, RuleSet.All, selection).Run(facts, f =>
        {
            if (selection.Runs(f.CheckId))
            {
                terminal.Finding(catalog[f.CheckId], redacted?.Redact(f) ?? f);
            }
        });
        if (redacted is not null)
        {
            findings = findings.Select(redacted.Redact).ToList();
        }

        var report = Report.Create(redacted?.Facts ?? facts, catalog, findings, gatherTime + clock.Elapsed) with { FailOn = failOn };
        var written = ReportWriter.Write(report, outDir, renderers);
        terminal.Summary(report, written);
        return report.Failed ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }
}
