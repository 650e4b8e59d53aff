using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>db.database-privileges: CREATE and TEMP on every configured database.</summary>
public sealed class DatabasePrivilegesRule : IRule
{
    public const string Id = "db.database-privileges";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        var user = SqlQuote.Ident(warehouse.CargoUser);
        var details = new List<DetailItem>();
        var missing = new List<DatabaseFacts>();
        var unknown = new List<DetailItem>();
        // "Granted via" lines explain a pass only: on a failure they would blur what is missing,
        // and accepted-finding matches and run diffs compare a failure's lines.
        var via = new GrantedViaDetails(warehouse);
        var granted = new HashSet<string>(StringComparer.Ordinal);
        var examined = 0;
        foreach (var db in WarehouseRequirement.Connected(warehouse))
        {
            if (db.CanCreate is null || db.CanTemp is null)
            {
                unknown.Add(new($"{db.Name}: {(db.DatabasePrivilegesGap ?? db.PrivilegesGap)?.ToString() ?? "privileges could not be read"}", ItemKey.Of(("database", db.Name), ("state", "unreadable"))));
                continue;
            }

            examined++;
            var lacks = new[] { ("CREATE", db.CanCreate.Value), ("TEMP", db.CanTemp.Value) }.Where(p => !p.Item2).Select(p => p.Item1).ToList();
            if (lacks.Count > 0)
            {
                missing.Add(db);
                details.Add(new($"{db.Name}: missing {string.Join(", ", lacks)}", ItemKey.Of(("database", db.Name), ("lacks", string.Join(",", lacks)))));
            }
            else
            {
                details.Add(DetailItem.Line($"{db.Name}: CREATE and TEMP granted"));
            }

            var lines = via.Database(db, new[] { "CREATE", "TEMP" }.Except(lacks)).ToList();
            granted.UnionWith(lines);
            details.AddRange(lines.Select(DetailItem.Line));
        }

        if (missing.Count > 0)
        {
            return context.FailItems(
                $"\"{warehouse.CargoUser}\" lacks privileges on {missing.Count} database(s): {string.Join(", ", missing.Select(m => m.Name))}",
                [.. details.Where(d => !granted.Contains(d.Text)), .. unknown],
                missing.SelectMany(db => context.Remedy("grant-database", ("database", SqlQuote.Ident(db.CatalogName)), ("user", user))).ToArray());
        }

        if (unknown.Count > 0)
        {
            return context.UnknownItems("database privileges could not be read", [.. details.Where(d => !granted.Contains(d.Text)), .. unknown]);
        }

        return context.Pass($"CREATE and TEMP on {examined} database(s)", [.. details.Select(d => d.Text), .. via.HowToSee()]);
    }
}
