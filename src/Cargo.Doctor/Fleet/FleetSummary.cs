using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Fleet;

/// <summary>A fleet run: every target against every check that ran on any of them, targets in config order.</summary>
public sealed record FleetSummary(DateTimeOffset GeneratedAt, IReadOnlyList<string> CheckIds, IReadOnlyList<FleetTargetResult> Targets)
{
    public const string BaseName = "fleet-summary";

    /// <summary>The worst outcome: a target that could not be checked counts as a failure, never as a pass.</summary>
    public int ExitCode => Targets.Count == 0 ? 0 : Targets.Max(t => t.Error is not null ? Math.Max(t.ExitCode, 1) : t.ExitCode);

    /// <summary>"1 ok, 1 unknown, 1 failed": the outcomes that occur.</summary>
    public string Counts =>
        string.Join(", ", new[] { "ok", "unknown", "failed", "error" }.Where(o => Targets.Any(t => t.Outcome == o)).Select(o => $"{Targets.Count(t => t.Outcome == o)} {o}"));

    /// <summary>A check that did not run on a target (another selection, an older catalog) has no status there.</summary>
    public CheckStatus? Status(FleetTargetResult target, string checkId) =>
        target.Statuses.TryGetValue(checkId, out var status) ? status : null;

    /// <summary>The report a reader opens first: HTML, then Markdown, then JSON, whichever was written.</summary>
    public static string? MainReport(FleetTargetResult target) =>
        new[] { "report.html", "report.md", "report.json", "report.junit.xml" }.FirstOrDefault(f => target.ReportFiles.Contains(f)) is { } file
            ? $"{target.ReportFolder}/{file}"
            : null;
}
