using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Fleet;

/// <summary>
/// One target of a fleet run: its exit code as a run of its own, each check's status (all unknown
/// when the target could not be checked at all) and its report folder relative to the summary.
/// </summary>
public sealed record FleetTargetResult(
    string Name,
    int ExitCode,
    IReadOnlyDictionary<string, CheckStatus> Statuses,
    string ReportFolder,
    IReadOnlyList<string> ReportFiles,
    string? Error,
    TimeSpan Duration,
    bool Finished = true)
{
    /// <summary>
    /// "not run" (the fleet run was stopped before this target finished), "error" (it could not be
    /// checked), "failed" (a check counted against it), "unknown" (nothing failed but a check could
    /// not tell, as when the warehouse cannot be reached) or "ok".
    /// </summary>
    public string Outcome =>
        !Finished ? "not run"
        : Error is not null ? "error"
        : ExitCode != 0 ? "failed"
        : Statuses.Values.Contains(CheckStatus.Unknown) ? "unknown"
        : "ok";
}
