using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Fleet;

/// <summary>A fleet run: every target against every check that ran on any of them, targets in config order.</summary>
public sealed record FleetSummary(DateTimeOffset GeneratedAt, IReadOnlyList<string> CheckIds, IReadOnlyList<FleetTargetResult> Targets)
{
    public const string BaseName = "fleet-summary";

    /// <summary>
    /// Why the run stopped before every target finished (e.g. "cancelled by SIGINT") and the exit code
    /// that says so, as a one-target run stopped by that signal exits; null when every target ran.
    /// </summary>
    public (string Why, int ExitCode)? Stopped { get; init; }

    /// <summary>
    /// The worst outcome: a target that could not be checked counts as a failure, never as a pass; a
    /// stopped run exits with <see cref="Stopped"/>'s code.
    /// </summary>
    public int ExitCode => Stopped?.ExitCode ?? (Targets.Count == 0 ? 0 : Targets.Max(t => t.Error is not null ? Math.Max(t.ExitCode, 1) : t.ExitCode));

    /// <summary>"1 ok, 1 unknown, 1 failed": the outcomes that occur.</summary>
    public string Counts =>
        string.Join(", ", new[] { "ok", "unknown", "failed", "error", "not run" }.Where(o => Targets.Any(t => t.Outcome == o)).Select(o => $"{Targets.Count(t => t.Outcome == o)} {o}"));

    /// <summary>The sentence the summaries print when the run was stopped; null when it was not.</summary>
    public string? StoppedNote => Stopped is { } stopped
        ? $"The run was stopped ({stopped.Why}): targets that had not finished are \"not run\" and their checks unknown."
        : null;

    /// <summary>A check that did not run on a target (another selection, an older catalog) has no status there.</summary>
    public CheckStatus? Status(FleetTargetResult target, string checkId) =>
        target.Statuses.TryGetValue(checkId, out var status) ? status : null;

    /// <summary>The report a reader opens first: HTML, then Markdown, then JSON, whichever was written.</summary>
    public static string? MainReport(FleetTargetResult target) =>
        new[] { "report.html", "report.md", "report.json", "report.junit.xml" }.FirstOrDefault(f => target.ReportFiles.Contains(f)) is { } file
            ? $"{target.ReportFolder}/{file}"
            : null;
}
