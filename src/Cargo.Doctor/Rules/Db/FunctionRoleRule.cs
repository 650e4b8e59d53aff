using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// db.function-role: the role exists, holds CREATE OR REPLACE FUNCTION, and reaches the Cargo user
/// directly or through nested roles. Each of the three failures has its own fix.
/// </summary>
public sealed class FunctionRoleRule : IRule
{
    public const string Privilege = "CREATE OR REPLACE FUNCTION";

    public const string Id = "db.function-role";


    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        if (warehouse.User?.IsSuperuser == true)
        {
            return context.Pass($"\"{warehouse.CargoUser}\" is a superuser and may create functions without the role", new GrantedViaDetails(warehouse).SystemPrivilege(Privilege).ToList());
        }

        var rbac = warehouse.Rbac;
        if (rbac is null || rbac.Gap is not null)
        {
            return context.Unknown(rbac?.Gap?.ToString() ?? "roles could not be read (no connection)");
        }

        var values = new[] { ("role", SqlQuote.Ident(rbac.FunctionRole)), ("user", SqlQuote.Ident(warehouse.CargoUser)) };
        if (!rbac.RoleExists && rbac.RoleSimilarNames.Count > 0)
        {
            // r_names.html is silent on whether role names fold: a role spelled in another case may be the one meant.
            return context.Unknown(
                $"role \"{rbac.FunctionRole}\" does not exist as written, but {string.Join(", ", rbac.RoleSimilarNames.Select(n => $"\"{n}\""))} does",
                [$"Redshift's page on names does not say whether role names fold to lower case (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html): pass --function-role with the exact name of the role meant"]);
        }

        if (!rbac.RoleExists)
        {
            return Incomplete(context, warehouse.CargoUser,
                [new($"role \"{rbac.FunctionRole}\" does not exist", ItemKey.Of(("role", rbac.FunctionRole), ("state", "missing")))], [], null, context.Remedy("create-role", values).ToList());
        }

        var visibility = new CatalogVisibility(warehouse);
        var membership = rbac.FunctionRoleMembership();
        var holders = rbac.FunctionPrivilegeHolders();
        var roleHolds = holders?.Contains(rbac.FunctionRole);

        // A missing row means "not granted" only where the view would have shown it: the Cargo
        // user's roles (and the edges from them), and the system permissions of the function role.
        var membershipSeen = visibility.Shows(CatalogView.UserGrants)
            && rbac.UserRoles.All(m => visibility.Shows(CatalogView.RoleGrants, m.Role));
        var privilegeSeen = holders is not null && visibility.Shows(CatalogView.SystemPrivileges, rbac.FunctionRole);
        var problems = new List<DetailItem>();
        var unseen = new List<DetailItem>();
        var role = ("role", rbac.FunctionRole);
        var remediation = new List<RemediationStep>();
        if (roleHolds == false && privilegeSeen)
        {
            problems.Add(new($"role \"{rbac.FunctionRole}\" does not hold {Privilege}", ItemKey.Of(role, ("lacks", Privilege))));
            remediation.AddRange(context.Remedy("grant-privilege", values));
        }
        else if (roleHolds != true)
        {
            // Every line of one explanation is the same item: what could not be seen.
            IEnumerable<string> lines = rbac.RolePrivilegesGap is { } gap
                ? [$"whether \"{rbac.FunctionRole}\" holds {Privilege} could not be seen: {gap}"]
                : visibility.HowToSee(CatalogView.SystemPrivileges, $"whether \"{rbac.FunctionRole}\" holds {Privilege}");
            unseen.AddRange(lines.Select(l => new DetailItem(l, ItemKey.Of(role, ("unseen", "privileges")))));
        }

        if (membership is null && membershipSeen)
        {
            problems.Add(new($"role \"{rbac.FunctionRole}\" is not granted to \"{warehouse.CargoUser}\" (directly or through another role)", ItemKey.Of(role, ("state", "not-granted"))));
            remediation.AddRange(context.Remedy("grant-role", values));
        }
        else if (membership is null)
        {
            unseen.AddRange(visibility.HowToSee(RolesView(visibility), $"the roles of \"{warehouse.CargoUser}\"")
                .Select(l => new DetailItem(l, ItemKey.Of(("user", warehouse.CargoUser), ("unseen", "roles")))));
        }

        if (problems.Count > 0)
        {
            var viaOther = rbac.UserRoles.FirstOrDefault(m => holders?.Contains(m.Role) == true);
            return Incomplete(context, warehouse.CargoUser, problems, unseen, viaOther, remediation);
        }

        if (unseen.Count > 0)
        {
            var what = membership is null
                ? $"whether role \"{rbac.FunctionRole}\" reaches \"{warehouse.CargoUser}\" could not be seen from \"{visibility.Login}\" (not in {CatalogVisibility.ViewName(RolesView(visibility))})"
                : $"role \"{rbac.FunctionRole}\" reaches the user ({string.Join(" -> ", membership.Path)}) but its system permissions could not be seen";
            return context.UnknownItems(what, unseen);
        }

        var path = $"{string.Join(" -> ", membership!.Path)}";
        var via = new GrantedViaDetails(warehouse);
        var granted = via.SystemPrivilege(Privilege).ToList();
        return context.Pass($"role \"{rbac.FunctionRole}\" holds {Privilege} and reaches the user ({path})", [.. granted, .. via.HowToSee()]);
    }

    // CREATE FUNCTION: "Superuser. Users with the CREATE OR REPLACE FUNCTION permission. Users with the USAGE
    // permission on language" (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-system-privileges.html), and
    // "By default, USAGE ON LANGUAGE SQL is granted to PUBLIC"
    // (https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html). So a missing guide role is a
    // failure only when no other path remains.
    private const string GuideStep =
        "Cargo works through that path, but the setup guide's role is the documented one: if someone revokes USAGE ON LANGUAGE sql from PUBLIC, Cargo stops creating functions";

    private const string NoPathDetail =
        "the function probe was refused (permission denied): no other path (superuser, the permission through another role, USAGE ON LANGUAGE sql) lets the user create functions";

    private const string UntestedPath =
        "CREATE FUNCTION is also allowed to holders of USAGE ON LANGUAGE sql, which PUBLIC holds by default " +
        "(https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html); run without --read-only so the function probe tests it";

    /// <summary>A step of the guide is missing: a warning while another path lets the user create functions, a failure once none is left.</summary>
    private static Finding Incomplete(
        RuleContext context, string user, List<DetailItem> problems, List<DetailItem> unseen, RoleMembership? viaOther, List<RemediationStep> remediation)
    {
        var details = viaOther is null
            ? problems
            : [.. problems, new($"note: \"{user}\" already holds {Privilege} through role \"{viaOther.Role}\" ({string.Join(" -> ", viaOther.Path)})", ItemKey.Of(("role", viaOther.Role), ("holds", Privilege)))];
        var what = string.Join("; ", problems.Select(p => p.Text));
        return OtherPath(context, user, viaOther) switch
        {
            { } other => context.WarnItems($"the setup guide's function role is incomplete ({what}), but {other}",
                [.. details, .. unseen, new(GuideStep, ItemKey.Of(("path", "other")))], remediation),
            null when NoPathLeft(context) => context.FailItems(what, [.. details, .. unseen, new(NoPathDetail, ItemKey.Of(("path", "none")))], remediation),
            null => context.WarnItems($"{what}; whether \"{user}\" can still create SQL functions another way was not tested",
                [.. details, .. unseen, new(UntestedPath, ItemKey.Of(("path", "untested")))], remediation),
        };
    }

    /// <summary>Positive evidence that the user can create functions without the guide's role: the live probe, or the permission through another role.</summary>
    private static string? OtherPath(RuleContext context, string user, RoleMembership? viaOther)
    {
        if (viaOther is not null)
        {
            return $"\"{user}\" holds {Privilege} through role \"{viaOther.Role}\"";
        }

        return context.Facts.Probes?[ProbeIds.FunctionCreate] is { Status: ProbeRunStatus.Ran, Succeeded: true }
            ? $"the live probe created a SQL function as \"{user}\" (USAGE ON LANGUAGE sql, which PUBLIC holds by default, allows it)"
            : null;
    }

    /// <summary>The probe's CREATE FUNCTION was refused for want of privilege (SQLSTATE 42501, insufficient_privilege).</summary>
    private static bool NoPathLeft(RuleContext context) =>
        context.Facts.Probes?[ProbeIds.FunctionCreate] is { Status: ProbeRunStatus.Ran, Succeeded: false, Error: { SqlState: "42501" } };

    /// <summary>The view that hid the Cargo user's roles from the login.</summary>
    private static CatalogView RolesView(CatalogVisibility visibility) =>
        visibility.Shows(CatalogView.UserGrants) ? CatalogView.RoleGrants : CatalogView.UserGrants;
}
