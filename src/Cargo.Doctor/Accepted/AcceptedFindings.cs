using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Accepted;

/// <summary>The findings after the config's acceptances, and a note for each acceptance that did not fully apply.</summary>
public sealed record AcceptedResult(IReadOnlyList<Finding> Findings, IReadOnlyList<string> Notes);

/// <summary>
/// Applies <c>accept:</c> entries to a run's findings. Only a fail, warn or unknown finding can be
/// accepted; with <c>match</c>, only when every detail line contains the text (a new line that does
/// not is a new problem, so the check still counts). Nothing is hidden: an expired acceptance
/// leaves the status and says so, and an acceptance that covered nothing is listed.
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
            foreach (var partial in candidates.Where(e => e.Match is not null && !Covers(e, finding)))
            {
                var hits = finding.Details.Count(d => d.Contains(partial.Match!, StringComparison.Ordinal));
                if (hits > 0)
                {
                    used.Add(partial);
                    notes.Add($"{partial.Where}: {partial.Check} match \"{partial.Match}\" covers {hits} of {finding.Details.Count} detail lines, so the check still counts: the other lines are not accepted.");
                }
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
        entry.Match is null || (finding.Details.Count > 0 && finding.Details.All(d => d.Contains(entry.Match, StringComparison.Ordinal)));

    private static Finding Accept(Finding finding, AcceptEntry entry) => finding with
    {
        Status = CheckStatus.Accepted,
        Summary = $"accepted until {AcceptedFindingRules.Day(entry.Expires)} by {entry.Owner}: {entry.Reason} (was {Word(finding.Status)}: {finding.Summary})",
        Acceptance = new AcceptanceNote(entry.Reason, entry.Owner, entry.Expires, entry.Match, finding.Status, false),
    };

    private static Finding Expired(Finding finding, AcceptEntry entry) => finding with
    {
        Summary = $"{finding.Summary} (acceptance expired on {AcceptedFindingRules.Day(entry.Expires)}: owner {entry.Owner}, reason: {entry.Reason})",
        Acceptance = new AcceptanceNote(entry.Reason, entry.Owner, entry.Expires, entry.Match, finding.Status, true),
    };

    private static string Word(CheckStatus status) => CheckStatusWords.Word(status);
}
