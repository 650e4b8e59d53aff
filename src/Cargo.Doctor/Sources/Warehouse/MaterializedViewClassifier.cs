using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// Redshift lists a materialized view as a view plus an internal storage table
/// <c>mv_tbl__&lt;name&gt;__0</c> in the same schema (the query plans in
/// https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-auto-rewrite.html scan
/// <c>mv_tbl__tickets_mv__0</c>). The storage table is Redshift's, never Cargo's: it is dropped here,
/// and its view becomes a <c>materialized view</c>. A view is one when SVV_MV_INFO/STV_MV_INFO list it
/// or when its storage table stands next to it (those views show a regular user only its own rows).
/// </summary>
internal static partial class MaterializedViewClassifier
{
    public const string Kind = "materialized view";

    public static List<TablePrivilegeFacts> Classify(IReadOnlyList<TablePrivilegeFacts> tables, IReadOnlySet<(string Schema, string Name)> listed)
    {
        // Storage names seen folded to lower case even for a mixed-case view: compare without case.
        var views = tables.Where(t => t.Kind == "view")
            .Select(t => (t.Schema, Name: t.Name.ToLowerInvariant()))
            .ToHashSet();
        var listedLower = listed.Select(m => (m.Schema, Name: m.Name.ToLowerInvariant())).ToHashSet();
        var withStorage = new HashSet<(string, string)>();
        var result = new List<TablePrivilegeFacts>(tables.Count);
        foreach (var table in tables)
        {
            var storage = table.Kind == "table" ? StorageTable().Match(table.Name) : Match.Empty;
            var owner = storage.Success ? (table.Schema, storage.Groups[1].Value.ToLowerInvariant()) : default;
            if (storage.Success && (views.Contains(owner) || listedLower.Contains(owner)))
            {
                withStorage.Add(owner);
                continue;
            }

            result.Add(table);
        }

        return result.Select(t => t.Kind == "view" && (listed.Contains((t.Schema, t.Name)) || withStorage.Contains((t.Schema, t.Name.ToLowerInvariant())))
            ? t with { Kind = Kind }
            : t).ToList();
    }

    [GeneratedRegex("^mv_tbl__(.+)__[0-9]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StorageTable();
}
