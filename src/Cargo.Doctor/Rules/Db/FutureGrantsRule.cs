using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// db.future-grants: tables created later in each schema will be granted too. Default privileges
/// apply only to tables created by their owner, so every user who owns tables in the schema (or
/// the schema owner, when it is empty) needs them, unless a scoped permission covers the schema.
/// A grant to the Cargo user, one of its roles, one of its user groups or PUBLIC counts; a missing
/// one is reported only when the login could see every row (<see cref="CatalogVisibility"/>).
/// </summary>
public sealed class FutureGrantsRule : IRule
{
    private static readonly string[] ReadWrite = ["SELECT", "INSERT", "UPDATE", "DELETE"];
    private static readonly string[] Read = ["SELECT"];

    public const string Id = "db.future-grants";


    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        var grantees = Grantees.Of(warehouse);
        var visibility = new CatalogVisibility(warehouse);
        var user = SqlQuote.Ident(warehouse.CargoUser);
        var problems = new List<DetailItem>();
        var unknown = new List<DetailItem>();
        var remediation = new List<RemediationStep>();
        var hidden = new List<DetailItem>();
        var checkedSchemas = 0;
        foreach (var db in WarehouseRequirement.Connected(warehouse))
        {
            if (db.FutureGrantsGap is not null || db.PrivilegesGap is not null)
            {
                unknown.Add(new($"{db.Name}: {db.FutureGrantsGap ?? db.PrivilegesGap}", ItemKey.Of(("database", db.Name), ("state", "unreadable"))));
                continue;
            }

            // Grouped once: a scan of every table per schema was the slowest part of a 200,000-table run.
            var ownersBySchema = db.Tables.Where(t => t.Owner is not null).ToLookup(t => t.Schema, t => t.Owner!, StringComparer.Ordinal);
            foreach (var schema in db.Schemas.Where(s => s.Exists))
            {
                checkedSchemas++;
                var required = schema.ReadOnly ? Read : ReadWrite;
                var applicable = db.FutureGrants
                    .Where(g => (g.Schema is null || g.Schema == schema.Name) && grantees.Reached(g))
                    .ToList();
                var scoped = applicable.Where(g => g.Source == "scoped").Select(g => g.Privilege.ToUpperInvariant()).ToHashSet();

                // Default privileges apply per creator, so the owners of the schema's tables must be known,
                // unless scoped permissions (any creator) already cover everything.
                if ((db.TablesGap is not null || !schema.TablesExamined) && required.Any(p => !scoped.Contains(p)))
                {
                    unknown.Add(new(
                        $"{db.Name}.{schema.Name}: the owners of its tables could not be read ({db.TablesGap?.ToString() ?? $"the login \"{warehouse.LoginUser}\" has no USAGE on this schema"}), so whose default privileges matter is unknown",
                        ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("state", "owners-unreadable"))));
                    continue;
                }

                var owners = ownersBySchema[schema.Name].Distinct().ToList();
                if (owners.Count == 0 && schema.Owner is not null)
                {
                    owners.Add(schema.Owner);
                }

                foreach (var owner in owners.Order(StringComparer.Ordinal))
                {
                    var byDefault = applicable
                        .Where(g => g.Source == "default" && g.Owner == owner)
                        .Select(g => g.Privilege.ToUpperInvariant())
                        .ToHashSet();
                    var missing = required.Where(p => !scoped.Contains(p) && !byDefault.Contains(p)).ToList();
                    if (missing.Count == 0)
                    {
                        continue;
                    }

                    // Absent is "not granted" only if the views showed every row that could grant it.
                    if (!visibility.Shows(CatalogView.DefaultPrivileges) || (grantees.GroupsGap is not null && db.FutureGrants.Any(Grantees.IsGroup)))
                    {
                        hidden.Add(new(
                            $"{db.Name}.{schema.Name}: no default privilege or scoped permission seen for {string.Join(", ", missing)} on tables \"{owner}\" creates later",
                            ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("owner", owner), ("unseen", string.Join(",", missing)))));
                        continue;
                    }

                    problems.Add(new(
                        $"{db.Name}.{schema.Name}: tables that \"{owner}\" creates later will lack {string.Join(", ", missing)}",
                        ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("owner", owner), ("lacks", string.Join(",", missing)))));
                    remediation.AddRange(context.Remedy("default-privileges",
                        ("database", SqlQuote.Ident(db.Name)),
                        ("schema", SqlQuote.Ident(schema.Name)),
                        ("owner", SqlQuote.Ident(owner)),
                        ("privileges", string.Join(", ", missing)),
                        ("user", user)));
                }
            }
        }

        if (problems.Count > 0)
        {
            return context.FailItems($"tables created later will not be fully granted in {problems.Count} case(s)", [.. problems, .. unknown, .. hidden], remediation);
        }

        if (unknown.Count > 0)
        {
            return context.UnknownItems("default privileges could not be read", [.. unknown, .. hidden]);
        }

        if (hidden.Count > 0)
        {
            IEnumerable<string> whyText = visibility.Shows(CatalogView.DefaultPrivileges) && grantees.GroupsGap is { } gap
                ? [$"the user groups of \"{warehouse.CargoUser}\" could not be read: {gap}"]
                : [
                    .. visibility.HowToSee(CatalogView.DefaultPrivileges, "default privileges granted to PUBLIC, to a role or to a user group (or to another user than the login)"),
                    $"scoped permissions ({CatalogVisibility.ViewName(CatalogView.SchemaPrivileges)}, {CatalogVisibility.ViewName(CatalogView.DatabasePrivileges)}) are likewise shown only for identities the login has access to",
                ];
            return context.UnknownItems($"default privileges for tables created later could not all be seen from \"{visibility.Login}\" in {hidden.Count} case(s)", [.. hidden, .. whyText.Select(DetailItem.Line)]);
        }

        return checkedSchemas == 0
            ? context.Skipped("no existing schema to check")
            : context.Pass($"default privileges or scoped permissions cover future tables in {checkedSchemas} schema(s)");
    }
}
