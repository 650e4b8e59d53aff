using Cargo.Doctor.Findings;

namespace Cargo.Doctor.History;

/// <summary>
/// <c>cargo-doctor diff OLD NEW</c>: how every check moved between two runs, item by item (see
/// <see cref="Findings.FindingItemIdentity"/>): a check failing in both runs regressed when it fails on
/// an item the old run did not have.
/// </summary>
public sealed record RunDiff(RunFindings Old, RunFindings New, IReadOnlyList<CheckChange> Changes)
{
    /// <summary>What the reader must know about the comparison: an older report compared line by line, another target.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when a check regressed: <c>diff</c> exits 1.</summary>
    public bool Regressed => Changes.Any(c => c.Kind == ChangeKind.Regressed);

    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public static RunDiff Compare(RunFindings old, RunFindings @new)
    {
        var before = old.Findings.GroupBy(f => f.CheckId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = @new.Findings.GroupBy(f => f.CheckId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // New run's order first (current catalog order), then checks the new run no longer has.
        var ids = @new.Findings.Select(f => f.CheckId).Concat(old.Findings.Select(f => f.CheckId)).Distinct(StringComparer.Ordinal).ToList();
        var lineByLine = old.LineByLine || @new.LineByLine;
        var changes = ids.Select(id => Change(before.GetValueOrDefault(id), after.GetValueOrDefault(id), lineByLine))
            .Select((c, i) => (c, i))
            .OrderBy(x => x.c.Kind)
            .ThenBy(x => x.i)
            .Select(x => x.c)
            .ToList();
        return new RunDiff(old, @new, changes)
        {
            Notes = [.. new[] { old, @new }.Where(r => r.LineByLine).Select(r => r.LineByLineNote)],
        };
    }

    private static CheckChange Change(RunFinding? before, RunFinding? after, bool lineByLine)
    {
        var any = (after ?? before)!;
        var oldItems = Items(before, lineByLine);
        var newItems = Items(after, lineByLine);
        var appeared = newItems.Where(n => !oldItems.Any(o => o.Key == n.Key)).ToList();
        var disappeared = oldItems.Where(o => !newItems.Any(n => n.Key == o.Key)).Select(o => o.Text).ToList();
        // A failing check's item that is not (part of) an old one is a new problem, whatever the status did.
        var worse = after is not null && before is not null && Failing(after.Status) && appeared.Any(n => !oldItems.Any(o => n.Key.IsWithin(o.Key)));
        var kind = Kind(before?.Status, after?.Status);
        return new CheckChange(any.CheckId, any.Title, worse && kind == ChangeKind.StillFailing ? ChangeKind.Regressed : kind, before?.Status, after?.Status,
            appeared.Select(n => n.Text).ToList(), disappeared);
    }

    /// <summary>Each detail line with the key it is compared by: its item key, or the line itself against an older report.</summary>
    private static List<(string Text, ItemKey Key)> Items(RunFinding? finding, bool lineByLine) => finding is null
        ? []
        : finding.Details.Select((text, i) => (text, lineByLine || i >= finding.Items.Count ? ItemKey.Line(text) : finding.Items[i])).ToList();

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
