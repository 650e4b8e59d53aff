using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// db.table-grants: SELECT, INSERT, UPDATE, DELETE (SELECT only for read-only schemas and for
/// materialized views) on every table and view. A privilege missing on every table of a schema that
/// needs it collapses into one <c>ON ALL TABLES IN SCHEMA</c> grant; the rest are granted table by
/// table. A table whose privileges could not be read is unknown on its own; a run that examined no
/// table at all is skipped, never passed.
/// </summary>
public sealed class TableGrantsRule : IRule
{
    private static readonly string[] ReadWrite = ["SELECT", "INSERT", "UPDATE", "DELETE"];
    private static readonly string[] Read = ["SELECT"];

    /// <summary>
    /// Every subset of <see cref="ReadWrite"/> and of <see cref="Read"/>, indexed by a bit mask of their
    /// positions: the held and missing privileges of 200,000 tables share these few lists instead of
    /// allocating two each. Lists, not arrays: Contains through IReadOnlyList is much slower on an array.
    /// Never changed once built.
    /// </summary>
    private static readonly List<string>[] ReadWriteSubsets = Subsets(ReadWrite);
    private static readonly List<string>[] ReadSubsets = Subsets(Read);

    public const string Id = "db.table-grants";


    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        var user = SqlQuote.Ident(warehouse.CargoUser);
        var details = new List<DetailItem>();
        var unknown = new List<DetailItem>();
        var notes = new List<DetailItem>();
        var notExamined = new List<DetailItem>();
        var remediation = new List<RemediationStep>();
        // "Granted via" lines explain a pass only (accepted-finding matches and run diffs compare a failure's lines):
        // the schemas are kept and the lines written only when the check passes.
        var via = new GrantedViaDetails(warehouse);
        var examined = new List<(DatabaseFacts Db, SchemaFacts Schema, List<TablePrivilegeFacts> Tables)>();
        var (tableCount, tablesMissing, grantsMissing) = (0, 0, 0);
        foreach (var db in WarehouseRequirement.Connected(warehouse))
        {
            if ((db.PrivilegesGap ?? db.TablesGap) is { } gap)
            {
                unknown.Add(new($"{db.Name}: {gap}", ItemKey.Of(("database", db.Name), ("state", "unreadable"))));
                continue;
            }

            notes.AddRange(db.TableReadNotes.Select(n => DetailItem.Line($"{db.Name}: {n}")));
            var tablesBySchema = db.Tables.ToLookup(t => t.Schema);
            foreach (var schema in db.Schemas)
            {
                if (!schema.Exists)
                {
                    notExamined.Add(new($"{db.Name}.{schema.Name}: schema does not exist (see db.schema-usage)", ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("state", "missing"))));
                    continue;
                }

                if (!schema.TablesExamined)
                {
                    unknown.Add(new(
                        $"{db.Name}.{schema.Name}: tables not examined: the login \"{warehouse.LoginUser}\" has no USAGE on this schema (see db.schema-usage)",
                        ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("state", "not-examined"))));
                    continue;
                }

                var all = tablesBySchema[schema.Name].ToList();
                unknown.AddRange(all.Where(t => t.Unreadable is not null).Select(t => new DetailItem(
                    $"{db.Name}.{schema.Name}.{t.Name} ({t.Kind}): unknown: {t.Unreadable}",
                    ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("table", t.Name), ("state", "unreadable")))));
                var tables = all.Where(t => t.Unreadable is null).ToList();
                if (all.Count == 0)
                {
                    notExamined.Add(new($"{db.Name}.{schema.Name}: no tables or views yet (db.future-grants covers those created later)", ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("state", "no-tables"))));
                }

                tableCount += tables.Count;
                examined.Add((db, schema, tables));
                var missing = tables
                    .Select(t => (Table: t, Missing: Privileges(schema, t, held: false)))
                    .Where(x => x.Missing.Count > 0)
                    .ToList();
                if (missing.Count == 0)
                {
                    continue;
                }

                tablesMissing += missing.Count;
                grantsMissing += missing.Sum(x => x.Missing.Count);
                details.AddRange(missing.Select(x => new DetailItem(
                    $"{db.Name}.{schema.Name}.{x.Table.Name} ({x.Table.Kind}): missing {string.Join(", ", x.Missing)}",
                    ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("table", x.Table.Name), ("lacks", string.Join(",", x.Missing))))));

                var values = new List<(string, string)> { ("database", SqlQuote.Ident(db.Name)), ("schema", SqlQuote.Ident(schema.Name)), ("user", user) };
                var missingByTable = missing.ToDictionary(x => x.Table, x => x.Missing);
                var onEveryTable = (schema.ReadOnly ? Read : ReadWrite)
                    .Where(p => tables.Where(t => Required(schema, t).Contains(p)).ToList() is { Count: > 0 } needing
                        && needing.All(t => missingByTable.TryGetValue(t, out var lacks) && lacks.Contains(p)))
                    .ToList();
                if (onEveryTable.Count > 0)
                {
                    remediation.AddRange(context.Remedy("grant-all-tables", [.. values, ("privileges", string.Join(", ", onEveryTable))]));
                }

                var statements = missing
                    .Select(x => (x.Table, Remaining: x.Missing.Except(onEveryTable).ToList()))
                    .Where(x => x.Remaining.Count > 0)
                    .Select(x => $"GRANT {string.Join(", ", x.Remaining)} ON {SqlQuote.Qualified(x.Table.Schema, x.Table.Name)} TO {user};")
                    .ToList();
                if (statements.Count > 0)
                {
                    remediation.AddRange(context.Remedy("grant-tables", [.. values, ("statements", string.Join("\n", statements))]));
                }
            }
        }

        if (tablesMissing > 0)
        {
            return context.FailItems(
                $"{tablesMissing} of {tableCount} table(s) lack privileges ({grantsMissing} grant(s) missing)",
                [.. details, .. unknown, .. notes, .. notExamined],
                remediation);
        }

        if (unknown.Count > 0)
        {
            return context.UnknownItems($"{unknown.Count} table(s), schema(s) or database(s) could not be examined", [.. unknown, .. notes, .. notExamined]);
        }

        if (tableCount == 0)
        {
            return context.Skipped($"no table or view examined: {(notExamined.Count == 0 ? "no schema configured (pass --schema DB.SCHEMA)" : string.Join("; ", notExamined.Select(n => n.Text)))}");
        }

        var granted = examined.SelectMany(e => via.Tables(e.Db, e.Schema, e.Tables.Select(t => (t, Privileges(e.Schema, t, held: true))).ToList())).ToList();
        return context.Pass($"all privileges granted on {tableCount} table(s) and view(s)", [.. notes.Select(n => n.Text), .. notExamined.Select(n => n.Text), .. granted, .. via.HowToSee()]);
    }

    /// <summary>
    /// A materialized view can only be queried: its owner grants SELECT to other users
    /// (https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-query.html).
    /// </summary>
    private static string[] Required(SchemaFacts schema, TablePrivilegeFacts table) =>
        schema.ReadOnly || table.Kind == "materialized view" ? Read : ReadWrite;

    /// <summary>The required privileges the table holds (or lacks), in <see cref="Required"/>'s order.</summary>
    private static IReadOnlyList<string> Privileges(SchemaFacts schema, TablePrivilegeFacts table, bool held)
    {
        var required = Required(schema, table);
        var mask = 0;
        for (var i = 0; i < required.Length; i++)
        {
            if (Holds(table, required[i]) == held)
            {
                mask |= 1 << i;
            }
        }

        return (ReferenceEquals(required, Read) ? ReadSubsets : ReadWriteSubsets)[mask];
    }

    private static List<string>[] Subsets(string[] privileges) =>
        [.. Enumerable.Range(0, 1 << privileges.Length).Select(mask => privileges.Where((_, i) => (mask & (1 << i)) != 0).ToList())];

    private static bool Holds(TablePrivilegeFacts table, string privilege) => privilege switch
    {
        "SELECT" => table.Select,
        "INSERT" => table.Insert,
        "UPDATE" => table.Update,
        _ => table.Delete,
    };
}
