using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>One check as the baseline run concluded it: its status and the key of each detail item.</summary>
public sealed record BaselineCheck(CheckStatus Status, IReadOnlyList<ItemKey> Items);

/// <summary>
/// <c>--baseline</c>: the earlier run, check by check and item by item. <see cref="LineByLine"/>: it
/// was a report.json written before item keys, so its detail lines are compared as text.
/// </summary>
public sealed record BaselineRun(IReadOnlyDictionary<string, BaselineCheck> Checks, bool LineByLine, TargetIdentity? Target = null)
{
    public BaselineCheck? Of(string checkId) => Checks.TryGetValue(checkId, out var check) ? check : null;

    /// <summary>
    /// The items of <paramref name="now"/> that the baseline's same check did not have (nor a larger
    /// version of: <see cref="ItemKey.IsWithin"/>). Empty when the baseline lacks the check (the
    /// status decides then) or the finding has no detail lines.
    /// </summary>
    public IReadOnlyList<DetailItem> NewItems(Finding now)
    {
        if (Of(now.CheckId) is not { } was)
        {
            return [];
        }

        return now.Items
            .Where(item => !was.Items.Any(old => (LineByLine ? ItemKey.Line(item.Text) : item.Identity).IsWithin(old)))
            .ToList();
    }
}
