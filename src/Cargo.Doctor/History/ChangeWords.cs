using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.History;

/// <summary>The words for a change, shared by the console, diff.md and diff.json.</summary>
public static class ChangeWords
{
    public static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Regressed => "regressed",
        ChangeKind.StillFailing => "still-failing",
        ChangeKind.New => "new",
        ChangeKind.Fixed => "fixed",
        ChangeKind.Removed => "removed",
        ChangeKind.Changed => "changed",
        _ => "unchanged",
    };

    public static string Status(CheckStatus? status) => status is { } s ? StatusMark.Word(s) : "absent";

    /// <summary>"pass → fail", "(absent) → warn".</summary>
    public static string Move(CheckChange change) => $"{Status(change.Before)} → {Status(change.After)}";

    /// <summary>"2 regressed, 1 fixed, …": only the kinds that occur, in listing order.</summary>
    public static string Summary(RunDiff diff) =>
        string.Join(", ", Enum.GetValues<ChangeKind>().Where(k => diff.Count(k) > 0).Select(k => $"{diff.Count(k)} {Word(k)}")) is { Length: > 0 } text
            ? text
            : "no checks in either run";
}
