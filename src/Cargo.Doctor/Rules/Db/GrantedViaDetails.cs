using System.Globalization;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// "Granted via" detail lines: for each privilege the Cargo user holds (has_*_privilege said so),
/// where it comes from, as the svv_*_privileges views show it to the login. Those views list explicit
/// grants only and hide rows from most logins, so a line explains a privilege and never changes a
/// verdict; what the login was not shown is "not visible from this login", and <see cref="HowToSee"/>
/// names the grant that would show it. Tables are summarised per schema and privilege, with a count
/// per source (the server counts them): a few lines per schema whatever the number of tables.
/// </summary>
internal sealed class GrantedViaDetails(WarehouseFacts warehouse)
{
    public const string NotVisible = "not visible from this login";

    private const string Superuser = "superuser";
    private const string Owner = "owner";
    private const string RelationPage = "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_RELATION_PRIVILEGES.html";

    private readonly GrantSource _source = new(warehouse);
    private readonly CatalogVisibility _visibility = new(warehouse);

    /// <summary>Views that hid a row this finding needed; null stands for svv_relation_privileges.</summary>
    private readonly List<CatalogView?> _hidden = [];

    private bool IsSuperuser => warehouse.User?.IsSuperuser == true;

    /// <summary>One line per group of privileges with the same sources, e.g. <c>dev: CREATE, TEMP granted via: directly</c>.</summary>
    public IEnumerable<string> Database(DatabaseFacts db, IEnumerable<string> present)
    {
        var facts = db.ExplicitGrants;
        return Lines(db.Name, present.Select(p => (p, Explain(
            facts?.Database?.Where(g => g.Privilege == p), facts?.DatabaseGap, false, CatalogView.DatabasePrivileges))));
    }

    public IEnumerable<string> Schema(DatabaseFacts db, SchemaFacts schema)
    {
        var facts = db.ExplicitGrants;
        return Lines($"{db.Name}.{schema.Name}", [("USAGE", Explain(
            facts?.Schemas?.Where(g => g.Object == schema.Name && g.Privilege == "USAGE"), facts?.SchemasGap,
            schema.Owner == warehouse.CargoUser, CatalogView.SchemaPrivileges))]);
    }

    /// <summary>
    /// Per privilege the schema's tables need and hold: how many tables each source covers, largest
    /// first (the grant that matters most reads first). A table
    /// may hold a privilege more than one way, so the counts may add up to more than the tables.
    /// </summary>
    public IEnumerable<string> Tables(DatabaseFacts db, SchemaFacts schema, IReadOnlyList<(TablePrivilegeFacts Table, IReadOnlyList<string> Held)> tables)
    {
        var facts = db.ExplicitGrants;
        var groups = new List<(List<string> Privileges, int Held, string Sources)>();
        foreach (var privilege in new[] { "SELECT", "INSERT", "UPDATE", "DELETE" })
        {
            var holding = tables.Where(t => t.Held.Contains(privilege)).Select(t => t.Table).ToList();
            if (holding.Count == 0)
            {
                continue;
            }

            var sources = string.Join(", ", TableSources(schema, privilege, holding, facts).Select(s => $"{s.Source} ({Count(s.Tables)})"));
            var same = groups.FindIndex(g => g.Held == holding.Count && g.Sources == sources);
            if (same >= 0)
            {
                groups[same].Privileges.Add(privilege);
            }
            else
            {
                groups.Add(([privilege], holding.Count, sources));
            }
        }

        return groups.Select(g => $"{db.Name}.{schema.Name}: {string.Join(", ", g.Privileges)} on {Count(g.Held)} table(s) granted via: {g.Sources}");
    }

    /// <summary>The roles reaching the Cargo user that hold the system permission (svv_system_privileges).</summary>
    public IEnumerable<string> SystemPrivilege(string privilege)
    {
        if (IsSuperuser)
        {
            return [$"{privilege} granted via: {Superuser}"];
        }

        var rbac = warehouse.Rbac;
        var holders = rbac?.FunctionPrivilegeHolders() ?? new HashSet<string>();
        var sources = (rbac?.UserRoles ?? []).Where(m => holders.Contains(m.Role)).Select(GrantSource.Role).ToList();
        if ((rbac?.UserRoles ?? []).Any(m => !_visibility.Shows(CatalogView.SystemPrivileges, m.Role)))
        {
            sources.Add(Hidden(CatalogView.SystemPrivileges));
        }

        return sources.Count == 0 ? [] : [$"{privilege} granted via: {string.Join("; ", sources)}"];
    }

    /// <summary>Once per finding, after the lines: what the login was not shown and how to see it.</summary>
    public IReadOnlyList<string> HowToSee() => _hidden.Distinct().SelectMany(view => view is { } v
        ? _visibility.HowToSee(v, "grants to PUBLIC, user groups and roles it does not hold")
        : RelationHowToSee()).ToList();

    private IReadOnlyList<string> RelationHowToSee() =>
    [
        $"svv_relation_privileges shows \"{_visibility.Login}\" only identities it has access to or owns ({RelationPage}): " +
            "table grants to PUBLIC, user groups and roles it does not hold could not be seen",
        $"to see every row of svv_relation_privileges, run again logged in as a superuser (--login-user): its page also names SYSLOG ACCESS UNRESTRICTED " +
            $"(ALTER USER {SqlQuote.Ident(_visibility.Login)} SYSLOG ACCESS UNRESTRICTED), but " +
            "https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html says unrestricted SYSLOG ACCESS does not open metadata views " +
            "and ACCESS SYSTEM TABLE is not named, so only a superuser's answer is taken as complete",
    ];

    private List<(string Source, int Tables)> TableSources(SchemaFacts schema, string privilege, List<TablePrivilegeFacts> holding, ExplicitGrantFacts? facts)
    {
        var held = holding.Count;
        if (IsSuperuser)
        {
            return [(Superuser, held)];
        }

        if (facts?.Tables is not { } counts)
        {
            return [($"could not be read: {facts?.TablesGap?.ToString() ?? "svv_relation_privileges was not read"}", held)];
        }

        var rows = counts.Where(c => c.Schema == schema.Name && c.Privilege == privilege).ToList();
        var sources = rows
            .Where(c => c.GranteeType != TableGrantCount.AnyGrantee)
            .Select(c => (Source: _source.Of(c.Grantee, c.GranteeType), Tables: Math.Min(c.Tables, held)))
            .Where(s => s.Source is not null)
            .Select(s => (Source: s.Source!, s.Tables))
            .OrderByDescending(s => s.Tables).ThenBy(s => GrantSource.Rank(s.Source)).ThenBy(s => s.Source, StringComparer.Ordinal)
            .ToList();
        var covered = Math.Min(rows.FirstOrDefault(c => c.GranteeType == TableGrantCount.AnyGrantee)?.Tables ?? 0, held);
        var owned = holding.Count(t => t.Owner == warehouse.CargoUser);
        if (owned > 0)
        {
            sources.Add((Owner, owned));
        }

        var unexplained = Math.Max(0, held - covered - owned);
        if (unexplained > 0)
        {
            sources.Add((warehouse.LoginIsSuperuser ? "no explicit grant listed in svv_relation_privileges" : Hidden(null), unexplained));
        }

        return sources;
    }

    /// <summary>The sources of one privilege on one object, best first.</summary>
    private List<string> Explain(IEnumerable<ExplicitGrant>? grants, Gap? gap, bool owner, CatalogView view)
    {
        if (IsSuperuser)
        {
            return [Superuser];
        }

        if (grants is null)
        {
            return [$"could not be read: {gap?.ToString() ?? CatalogVisibility.ViewName(view) + " was not read"}"];
        }

        var sources = grants.Select(g => _source.Of(g.Grantee, g.GranteeType)).OfType<string>().ToList();
        if (owner)
        {
            sources.Add(Owner);
        }

        if (sources.Count == 0)
        {
            sources.Add(_visibility.SeesAllRows ? $"no explicit grant listed in {CatalogVisibility.ViewName(view)}" : Hidden(view));
        }

        return sources.Distinct().OrderBy(GrantSource.Rank).ThenBy(s => s, StringComparer.Ordinal).ToList();
    }

    private string Hidden(CatalogView? view)
    {
        _hidden.Add(view);
        return NotVisible;
    }

    private static IEnumerable<string> Lines(string where, IEnumerable<(string Privilege, List<string> Sources)> privileges) =>
        privileges
            .GroupBy(p => string.Join("; ", p.Sources))
            .Select(g => $"{where}: {string.Join(", ", g.Select(p => p.Privilege))} granted via: {g.Key}");

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
