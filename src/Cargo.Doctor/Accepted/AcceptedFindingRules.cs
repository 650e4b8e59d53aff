using System.Globalization;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Accepted;

/// <summary>
/// What the config reader cannot check alone: the check id against the catalog, and the expiry
/// against today (an acceptance must come back for review within a year). Today is injected.
/// </summary>
public static class AcceptedFindingRules
{
    public static IReadOnlyList<string> Problems(IEnumerable<AcceptEntry> entries, IEnumerable<string> knownCheckIds, DateOnly today)
    {
        var known = knownCheckIds.ToHashSet(StringComparer.Ordinal);
        var latest = today.AddYears(1);
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            if (!known.Contains(entry.Check))
            {
                problems.Add($"{entry.Where}.check: unknown check id '{entry.Check}' (see `cargo-doctor checks`)");
            }

            if (entry.Expires > latest)
            {
                problems.Add($"{entry.Where}.expires: {Day(entry.Expires)} is more than a year away (at most {Day(latest)}): acceptances must be reviewed");
            }
        }

        return problems;
    }

    internal static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
