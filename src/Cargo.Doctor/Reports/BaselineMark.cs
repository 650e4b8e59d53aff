using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>
/// <c>--baseline</c>: how a finding compares with the same check in the baseline run, and whether it
/// counts toward the exit code. A status that reached <c>--fail-on</c> counts unless the baseline was
/// already at least as bad on the same items: a detail item the baseline lacked (a schema, a table's
/// privilege, an IP) is new, whatever the status was. A check the baseline lacks counts like any other.
/// </summary>
public static class BaselineMark
{
    public const string New = "new";
    public const string Unchanged = "unchanged";
    public const string Fixed = "fixed";

    /// <param name="newItems">How many of the finding's items the baseline's check lacked (<see cref="BaselineRun.NewItems"/>).</param>
    public static bool Counts(FailThreshold failOn, CheckStatus now, CheckStatus? was, int newItems = 0) =>
        failOn.Fails(now) && (was is not { } w || !failOn.Fails(w) || now > w || newItems > 0);

    /// <summary>new: a problem now, absent, better or on fewer items in the baseline; fixed: a problem then, a pass now.</summary>
    public static string Of(CheckStatus now, CheckStatus? was, int newItems = 0) =>
        Problem(now) && (was is not { } w || now > w || newItems > 0) ? New
        : now == CheckStatus.Pass && was is { } before && Problem(before) ? Fixed
        : Unchanged;

    /// <summary>Fail, warn or unknown: what a baseline can have had already.</summary>
    public static bool Problem(CheckStatus status) => status is CheckStatus.Fail or CheckStatus.Warn or CheckStatus.Unknown;
}
