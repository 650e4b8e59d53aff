using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// Which stored database a configured name means. Redshift folds database names to lower case unless
/// they were created in a case-sensitive session (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html),
/// but no page says whether the database name of a connection's startup message is folded too. So the
/// doctor observes: pg_database is read case-insensitively, and a configured name resolves to the
/// spelling the catalog holds only where the evidence leaves one choice.
/// </summary>
internal static class DatabaseSpellings
{
    /// <param name="StoredName">The spelling the catalog holds for this database; null when none or more than one could be meant.</param>
    /// <param name="OtherSpellings">Stored names equal to the configured one except for ASCII case.</param>
    /// <param name="Ambiguity">Set when the connection succeeded and two or more other spellings could be the one it reached.</param>
    public sealed record Resolution(string? StoredName, IReadOnlyList<string> OtherSpellings, Gap? Ambiguity);

    /// <param name="configured">The name as the customer typed it (--database, the endpoint, the config file).</param>
    /// <param name="connected">Whether a connection to that name succeeded.</param>
    /// <param name="stored">The names pg_database returned for a case-insensitive match of every configured name.</param>
    public static Resolution Resolve(string configured, bool connected, IEnumerable<string> stored)
    {
        var folded = IdentifierCaseFacts.FoldAscii(configured);
        var matches = stored.Where(s => IdentifierCaseFacts.FoldAscii(s) == folded).Distinct(StringComparer.Ordinal).ToList();
        var others = matches.Where(s => s != configured).OrderBy(s => s, StringComparer.Ordinal).ToList();
        if (matches.Contains(configured))
        {
            return new(configured, others, null);
        }

        if (!connected || others.Count == 0)
        {
            // Not connected: nothing says which spelling the server would take; db.connect names the others.
            // Connected but nothing stored matched: the privilege read simply has no row (as before).
            return new(connected ? configured : null, others, null);
        }

        // Connected to a name the catalog does not hold as written, and it holds exactly one spelling that
        // folds to it: the server took that database.
        return others.Count == 1
            ? new(others[0], others, null)
            : new(null, others, new Gap(
                $"connected to \"{configured}\", but the cluster holds {string.Join(" and ", others.Select(o => $"\"{o}\""))}: no page says which of them a connection's database name selects (r_names.html covers names in SQL only)"));
    }
}
