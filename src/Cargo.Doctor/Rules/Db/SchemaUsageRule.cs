using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>db.schema-usage: every configured schema exists and grants USAGE to the Cargo user.</summary>
public sealed class SchemaUsageRule : IRule
{
    public const string Id = "db.schema-usage";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        var user = SqlQuote.Ident(warehouse.CargoUser);
        var problems = new List<DetailItem>();
        var unknown = new List<DetailItem>();
        var remediation = new List<RemediationStep>();
        // "Granted via" lines explain a pass only (accepted-finding matches and run diffs compare a failure's lines).
        var via = new GrantedViaDetails(warehouse);
        var granted = new List<string>();
        var total = 0;
        foreach (var db in WarehouseRequirement.Connected(warehouse))
        {
            if (db.PrivilegesGap is not null)
            {
                unknown.Add(new($"{db.Name}: {db.PrivilegesGap}", ItemKey.Of(("database", db.Name), ("state", "unreadable"))));
                continue;
            }

            foreach (var schema in db.Schemas)
            {
                total++;
                var values = new[] { ("database", SqlQuote.Ident(db.Name)), ("schema", SqlQuote.Ident(schema.Name)), ("user", user) };
                if (!schema.Exists && schema.SimilarNames.Count > 0 && warehouse.IdentifierCase is { CaseSensitive: null } caseFacts)
                {
                    // Whether the Cargo user's sessions fold names is not known: either spelling could be meant.
                    unknown.Add(new($"{db.Name}.{schema.Name}: not found as written, but {string.Join(", ", schema.SimilarNames.Select(n => $"\"{n}\""))} exists; {caseFacts.Note}",
                        ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("state", "case-unknown"))));
                }
                else if (!schema.Exists)
                {
                    var hint = schema.SimilarNames.Count > 0 ? $" (did you mean {string.Join(", ", schema.SimilarNames.Select(n => $"\"{n}\""))}?)" : "";
                    problems.Add(new($"{db.Name}.{schema.Name}: schema does not exist{hint}", ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("state", "missing"))));
                    remediation.AddRange(context.Remedy("schema-missing", values));
                }
                else if (!schema.Usage)
                {
                    problems.Add(new($"{db.Name}.{schema.Name}: no USAGE", ItemKey.Of(("database", db.Name), ("schema", schema.Name), ("lacks", "USAGE"))));
                    remediation.AddRange(context.Remedy("grant-usage", values));
                }
                else
                {
                    granted.AddRange(via.Schema(db, schema));
                }
            }
        }

        if (problems.Count > 0)
        {
            return context.FailItems($"{problems.Count} of {total} schema(s) not usable by \"{warehouse.CargoUser}\"", [.. problems, .. unknown], remediation);
        }

        if (unknown.Count > 0)
        {
            return context.UnknownItems("schema privileges could not all be read", unknown);
        }

        return total == 0
            ? context.Skipped("no schema configured (pass --schema DB.SCHEMA)")
            : context.Pass($"USAGE on all {total} schema(s)", [.. granted, .. via.HowToSee()]);
    }
}
