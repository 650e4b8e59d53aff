using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.History;

/// <summary>
/// One run's outcome as <c>diff</c> and <c>--baseline</c> compare it: read from a report.json or
/// evaluated from a facts file. <see cref="LineByLine"/>: a report.json written before item keys
/// (schema version 1), so its detail lines are its items. <see cref="Target"/>: null when the file
/// names none.
/// </summary>
public sealed record RunFindings(string Source, IReadOnlyList<RunFinding> Findings)
{
    public bool LineByLine { get; init; }

    public TargetIdentity? Target { get; init; }

    public bool Redacted { get; init; }

    /// <summary>The note every output carries when an older report.json is compared line by line.</summary>
    public string LineByLineNote =>
        $"{Source} was written by an older cargo-doctor without item keys: its findings were compared line by line (a reworded line counts as new)";

    /// <summary>This run as <c>--baseline</c> uses it.</summary>
    public BaselineRun ToBaseline() => new(
        Findings.GroupBy(f => f.CheckId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new BaselineCheck(g.First().Status, g.First().Items), StringComparer.Ordinal),
        LineByLine,
        Target);
}

/// <summary>What one check concluded in one run: the status, every detail line, and the key of each (same order).</summary>
public sealed record RunFinding(string CheckId, string Title, CheckStatus Status, IReadOnlyList<string> Details)
{
    public IReadOnlyList<ItemKey> Items { get; init; } = Details.Select(ItemKey.Line).ToList();
}
