using Cargo.Doctor.Catalog;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>One finding with the catalog text it belongs to.</summary>
public sealed record ReportEntry(CheckDescriptor Check, Finding Finding);

/// <summary>What every renderer takes: the facts' header, and each check with its finding.</summary>
public sealed record Report(FactsSnapshot Facts, IReadOnlyList<ReportEntry> Entries, TimeSpan Duration)
{
    public static Report Create(FactsSnapshot facts, CheckCatalog catalog, IReadOnlyList<Finding> findings, TimeSpan duration) =>
        new(facts, findings.Select(f => new ReportEntry(catalog[f.CheckId], f)).ToList(), duration);

    /// <summary>What makes this run fail; JUnit marks exactly those checks as failures.</summary>
    public FailThreshold FailOn { get; init; } = FailThreshold.Fail;

    /// <summary>True when a check reached <see cref="FailOn"/> (and, with a baseline, regressed): the exit code is 1.</summary>
    public bool Failed => Entries.Any(Counts);

    /// <summary><c>--baseline</c>: each check's status and items in the baseline run; null without a baseline.</summary>
    public BaselineRun? Baseline { get; init; }

    /// <summary>
    /// <c>--allow-other-target</c> let a baseline of another warehouse be used: says which, at the top
    /// of every report. Null when the targets are the same (or there is no baseline).
    /// </summary>
    public string? OtherTarget { get; init; }

    /// <summary>
    /// Whether this finding makes the run fail: reached <see cref="FailOn"/>, and was not already as
    /// bad in the baseline on every one of its items.
    /// </summary>
    public bool Counts(ReportEntry entry) => Baseline is null
        ? FailOn.Fails(entry.Finding.Status)
        : BaselineMark.Counts(FailOn, entry.Finding.Status, Baseline.Of(entry.Check.Id)?.Status, NewSinceBaseline(entry).Count);

    /// <summary>new, unchanged or fixed against the baseline; null without one.</summary>
    public string? MarkAgainstBaseline(ReportEntry entry) =>
        Baseline is null ? null : BaselineMark.Of(entry.Finding.Status, Baseline.Of(entry.Check.Id)?.Status, NewSinceBaseline(entry).Count);

    /// <summary>The detail items of a problem finding that the baseline's same check did not have; empty without a baseline.</summary>
    public IReadOnlyList<DetailItem> NewSinceBaseline(ReportEntry entry) =>
        Baseline is null || !BaselineMark.Problem(entry.Finding.Status) ? [] : Baseline.NewItems(entry.Finding);

    public int Count(CheckStatus status) => Entries.Count(e => e.Finding.Status == status);

    /// <summary>Worst first (fail, warn, unknown, skipped, pass), catalog order within a status.</summary>
    public IEnumerable<ReportEntry> WorstFirst() =>
        Entries.Select((e, i) => (e, i)).OrderByDescending(x => x.e.Finding.Status).ThenBy(x => x.i).Select(x => x.e);

    /// <summary>The one-line verdict shown in every format.</summary>
    public string Verdict =>
        Count(CheckStatus.Fail) > 0 ? "Cargo is NOT ready: fix the failed checks below."
        : Count(CheckStatus.Warn) + Count(CheckStatus.Unknown) > 0 ? "No check failed, but some need attention."
        : "Everything checked is set up for Cargo.";
}
