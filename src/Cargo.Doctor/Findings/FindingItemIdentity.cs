namespace Cargo.Doctor.Findings;

/// <summary>
/// The one identity of a finding's detail item: check id plus the item's key
/// (<c>db.schema-usage:database=dev;schema=sales;lacks=USAGE</c>). Baselines, acceptances and
/// <c>diff</c> compare these, and a result fingerprint (SARIF) should be this string.
/// </summary>
public static class FindingItemIdentity
{
    /// <summary>"check:key" for one item.</summary>
    public static string Of(string checkId, ItemKey key) => $"{checkId}:{key.Text}";

    /// <summary>The key of each detail item, in order (baselines and diff compare these).</summary>
    public static IReadOnlyList<ItemKey> Keys(Finding finding) => finding.Items.Select(i => i.Identity).ToList();

    /// <summary>
    /// What an acceptance names: one key per detail item; a finding without detail lines is one item
    /// named by its status (<c>status=unknown</c>), so an acceptance written while the check was
    /// unknown does not cover a later failure.
    /// </summary>
    public static IReadOnlyList<ItemKey> AcceptableKeys(Finding finding) =>
        Keys(finding) is { Count: > 0 } keys
            ? keys.Distinct().ToList()
            : [ItemKey.Of(("status", CheckStatusWords.Word(finding.Acceptance is { Expired: false } a ? a.WasStatus : finding.Status)))];
}
