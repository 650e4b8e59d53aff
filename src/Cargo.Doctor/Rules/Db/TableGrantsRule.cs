using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Sql;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// db.table-grants: SELECT, INSERT, UPDATE, DELETE (SELECT only for read-only schemas) on every
/// table and view. A privilege missing on every table of a schema collapses into one
/// <c>ON ALL TABLES IN SCHEMA</c> grant; the rest are granted table by table.
/// </summary>
public sealed class TableGrantsRule : IRule
{
    private static readonly string[] ReadWrite = ["SELECT", "INSERT", "UPDATE", "DELETE"];
    private static readonly string[] Read = ["SELECT"];

    public string CheckId => "db.table-grants";

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        var user = SqlQuote.Ident(warehouse.CargoUser);
        var details = new List<string>();
        var unknown = new List<string>();
        var remediation = new List<RemediationStep>();
        var (tableCount, tablesMissing, grantsMissing) = (0, 0, 0);
        foreach (var db in WarehouseRequirement.Connected(warehouse))
        {
            if (db.PrivilegesGap is not null)
            {
                unknown.Add($"{db.Name}: {db.PrivilegesGap}");
                continue;
            }

            var tablesBySchema = db.Tables.ToLookup(t => t.Schema);
            foreach (var schema in db.Schemas.Where(s => s.Exists))
            {
                if (!schema.TablesExamined)
                {
                    unknown.Add($"{db.Name}.{schema.Name}: tables not examined: the login \"{warehouse.LoginUser}\" has no USAGE on this schema (see db.schema-usage)");
                    continue;
                }

                var required = schema.ReadOnly ? Read : ReadWrite;
                var tables = tablesBySchema[schema.Name].ToList();
                tableCount += tables.Count;
                var missing = tables
                    .Select(t => (Table: t, Missing: required.Where(p => !Holds(t, p)).ToList()))
                    .Where(x => x.Missing.Count > 0)
                    .ToList();
                if (missing.Count == 0)
                {
                    continue;
                }

                tablesMissing += missing.Count;
                grantsMissing += missing.Sum(x => x.Missing.Count);
                details.AddRange(missing.Select(x =>
                    $"{db.Name}.{schema.Name}.{x.Table.Name} ({x.Table.Kind}): missing {string.Join(", ", x.Missing)}"));

                var values = new List<(string, string)> { ("database", SqlQuote.Ident(db.Name)), ("schema", SqlQuote.Ident(schema.Name)), ("user", user) };
                var onEveryTable = required.Where(p => missing.Count == tables.Count && missing.All(x => x.Missing.Contains(p))).ToList();
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
            return context.Fail(
                $"{tablesMissing} of {tableCount} table(s) lack privileges ({grantsMissing} grant(s) missing)",
                [.. details, .. unknown],
                remediation);
        }

        if (unknown.Count > 0)
        {
            return context.Unknown($"{unknown.Count} schema(s) or database(s) could not be examined", unknown);
        }

        return context.Pass($"all privileges granted on {tableCount} table(s) and view(s)");
    }

    private static bool Holds(TablePrivilegeFacts table, string privilege) => privilege switch
    {
        "SELECT" => table.Select,
        "INSERT" => table.Insert,
        "UPDATE" => table.Update,
        _ => table.Delete,
    };
}
