using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>
/// <c>--baseline</c>: how a finding compares with the same check in the baseline run, and whether it
/// counts toward the exit code. Only a status that reached <c>--fail-on</c> and was not already at
/// least as bad in the baseline counts; a check the baseline lacks counts like any other.
/// </summary>
public static class BaselineMark
{
    public const string New = "new";
    public const string Unchanged = "unchanged";
    public const string Fixed = "fixed";

    public static bool Counts(FailThreshold failOn, CheckStatus now, CheckStatus? was) =>
        failOn.Fails(now) && (was is not { } w || !failOn.Fails(w) || now > w);

    /// <summary>new: a problem now, absent or better in the baseline; fixed: a problem then, a pass now.</summary>
    public static string Of(CheckStatus now, CheckStatus? was) =>
        Problem(now) && (was is not { } w || now > w) ? New
        : now == CheckStatus.Pass && was is { } before && Problem(before) ? Fixed
        : Unchanged;

    private static bool Problem(CheckStatus status) => status is CheckStatus.Fail or CheckStatus.Warn or CheckStatus.Unknown;
}
