using Cargo.Doctor.Findings;

namespace Cargo.Doctor.History;

/// <summary><c>cargo-doctor diff OLD NEW</c>: how every check moved between two runs.</summary>
public sealed record RunDiff(RunFindings Old, RunFindings New, IReadOnlyList<CheckChange> Changes)
{
    /// <summary>True when a check regressed: <c>diff</c> exits 1.</summary>
    public bool Regressed => Changes.Any(c => c.Kind == ChangeKind.Regressed);

    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public static RunDiff Compare(RunFindings old, RunFindings @new)
    {
        var before = old.Findings.GroupBy(f => f.CheckId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = @new.Findings.GroupBy(f => f.CheckId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // New run's order first (current catalog order), then checks the new run no longer has.
        var ids = @new.Findings.Select(f => f.CheckId).Concat(old.Findings.Select(f => f.CheckId)).Distinct(StringComparer.Ordinal).ToList();
        var changes = ids.Select(id => Change(before.GetValueOrDefault(id), after.GetValueOrDefault(id)))
            .Select((c, i) => (c, i))
            .OrderBy(x => x.c.Kind)
            .ThenBy(x => x.i)
            .Select(x => x.c)
            .ToList();
        return new RunDiff(old, @new, changes);
    }

    private static CheckChange Change(RunFinding? before, RunFinding? after)
    {
        var any = (after ?? before)!;
        var oldDetails = before?.Details ?? [];
        var newDetails = after?.Details ?? [];
        var appeared = newDetails.Except(oldDetails, StringComparer.Ordinal).ToList();
        var disappeared = oldDetails.Except(newDetails, StringComparer.Ordinal).ToList();
        return new CheckChange(any.CheckId, any.Title, Kind(before?.Status, after?.Status), before?.Status, after?.Status, appeared, disappeared);
    }

    private static ChangeKind Kind(CheckStatus? before, CheckStatus? after)
    {
        if (before is not { } b)
        {
            return ChangeKind.New;
        }

        if (after is not { } a)
        {
            return ChangeKind.Removed;
        }

        if (Failing(a))
        {
            // Warn to fail is worse; fail to warn is better but still failing.
            return !Failing(b) || a > b ? ChangeKind.Regressed : ChangeKind.StillFailing;
        }

        if (a == CheckStatus.Pass && b is CheckStatus.Fail or CheckStatus.Warn or CheckStatus.Unknown)
        {
            return ChangeKind.Fixed;
        }

        return a == b ? ChangeKind.Unchanged : ChangeKind.Changed;
    }

    private static bool Failing(CheckStatus status) => status is CheckStatus.Fail or CheckStatus.Warn;
}
