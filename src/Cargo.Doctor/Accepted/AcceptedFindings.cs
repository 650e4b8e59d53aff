using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Accepted;

/// <summary>The findings after the config's acceptances, and a note for each acceptance that did not fully apply.</summary>
public sealed record AcceptedResult(IReadOnlyList<Finding> Findings, IReadOnlyList<string> Notes);

/// <summary>
/// Applies <c>accept:</c> entries to a run's findings. Only a fail, warn or unknown finding can be
/// accepted. An entry with <c>items</c> covers a finding only when every item of it is listed
/// (<see cref="FindingItemIdentity.AcceptableKeys"/>; a listed item also covers a part of itself, such
/// as fewer missing privileges): a new item is a new problem, so the check counts again. With
/// <c>match</c>, every detail line must contain the text. An entry with neither (written before
/// items existed) still covers the check, with a note asking to add <c>items:</c>. Nothing is
/// hidden: an expired acceptance leaves the status and says so, and an acceptance that covered
/// nothing is listed.
/// </summary>
public static class AcceptedFindings
{
    public static AcceptedResult Apply(IReadOnlyList<Finding> findings, IReadOnlyList<AcceptEntry> entries, DateOnly today)
    {
        var used = new HashSet<AcceptEntry>();
        var notes = new List<string>();
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            var candidates = finding.Status is CheckStatus.Fail or CheckStatus.Warn or CheckStatus.Unknown
                ? entries.Where(e => e.Check == finding.CheckId).ToList()
                : [];
            var covering = candidates.Where(e => Covers(e, finding)).ToList();
            used.UnionWith(covering);
            foreach (var partial in candidates.Where(e => !Covers(e, finding)))
            {
                if (PartialNote(partial, finding) is { } note)
                {
                    used.Add(partial);
                    notes.Add(note);
                }
            }

            foreach (var unnamed in covering.Where(e => e.Items is null))
            {
                notes.Add($"{unnamed.Where}: the acceptance of {unnamed.Check} names no items, so it would also accept a later, different failure of the check: " +
                    $"add the items: listed under {unnamed.Check} in report.md ({string.Join(", ", FindingItemIdentity.AcceptableKeys(finding).Select(k => k.Text))}).");
            }

            var live = covering.Where(e => e.Expires >= today).OrderByDescending(e => e.Expires).FirstOrDefault();
            var expired = covering.Where(e => e.Expires < today).OrderByDescending(e => e.Expires).FirstOrDefault();
            result.Add(live is not null ? Accept(finding, live) : expired is not null ? Expired(finding, expired) : finding);
        }

        foreach (var entry in entries.Where(e => !used.Contains(e)))
        {
            var match = entry.Match is null ? "" : $" with match \"{entry.Match}\"";
            notes.Add($"{entry.Where}: the acceptance of {entry.Check}{match} (owner {entry.Owner}) matched nothing that failed, warned or was unknown in this run: remove it or correct it.");
        }

        return new AcceptedResult(result, notes);
    }

    private static bool Covers(AcceptEntry entry, Finding finding) =>
        (entry.Items is null || Unlisted(entry, finding).Count == 0)
        && (entry.Match is null || (finding.Details.Count > 0 && finding.Details.All(d => d.Contains(entry.Match, StringComparison.Ordinal))));

    /// <summary>The finding's items the entry does not list (none without <c>items</c>).</summary>
    private static List<ItemKey> Unlisted(AcceptEntry entry, Finding finding)
    {
        var listed = entry.Items?.Select(ItemKey.Parse).ToList() ?? [];
        return entry.Items is null ? [] : FindingItemIdentity.AcceptableKeys(finding).Where(k => !listed.Any(k.IsWithin)).ToList();
    }

    /// <summary>An entry that covers some of the finding but not all: why the check still counts.</summary>
    private static string? PartialNote(AcceptEntry entry, Finding finding)
    {
        var keys = FindingItemIdentity.AcceptableKeys(finding);
        if (entry.Items is not null)
        {
            var unlisted = Unlisted(entry, finding);
            return unlisted.Count == keys.Count
                ? null
                : $"{entry.Where}: {entry.Check} items cover {keys.Count - unlisted.Count} of {keys.Count} items, so the check still counts: not accepted: {string.Join(", ", unlisted.Select(k => k.Text))}.";
        }

        var hits = finding.Details.Count(d => d.Contains(entry.Match!, StringComparison.Ordinal));
        return hits == 0
            ? null
            : $"{entry.Where}: {entry.Check} match \"{entry.Match}\" covers {hits} of {finding.Details.Count} detail lines, so the check still counts: the other lines are not accepted.";
    }

    private static Finding Accept(Finding finding, AcceptEntry entry) => finding with
    {
        Status = CheckStatus.Accepted,
        Summary = $"accepted until {AcceptedFindingRules.Day(entry.Expires)} by {entry.Owner}: {entry.Reason} (was {Word(finding.Status)}: {finding.Summary})",
        Acceptance = new AcceptanceNote(entry.Reason, entry.Owner, entry.Expires, entry.Match, finding.Status, false) { Items = entry.Items },
    };

    private static Finding Expired(Finding finding, AcceptEntry entry) => finding with
    {
        Summary = $"{finding.Summary} (acceptance expired on {AcceptedFindingRules.Day(entry.Expires)}: owner {entry.Owner}, reason: {entry.Reason})",
        Acceptance = new AcceptanceNote(entry.Reason, entry.Owner, entry.Expires, entry.Match, finding.Status, true) { Items = entry.Items },
    };

    private static string Word(CheckStatus status) => CheckStatusWords.Word(status);
}
