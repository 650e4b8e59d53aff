using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// db.least-privilege: the Cargo user is not a superuser ("The CREATEUSER option creates a superuser",
/// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html), holds none of the administrative
/// system-defined roles (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-default.html), and, through the
/// roles it holds, none of the system permissions that administer users, roles or row-level security or show
/// every user's catalog rows (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-system-privileges.html).
/// Cargo needs none of them; it works either way, but with more power than it needs.
/// </summary>
public sealed class LeastPrivilegeRule : IRule
{
    public const string Id = "db.least-privilege";

    /// <summary>
    /// sys:superuser: every system permission; sys:dba: DDL on any schema and role administration; sys:secadmin:
    /// users and role grants; sys:operator: access to and control of every user's activity (r_roles-default.html).
    /// </summary>
    public static readonly IReadOnlyList<string> AdministrativeRoles = ["sys:superuser", "sys:dba", "sys:secadmin", "sys:operator"];

    /// <summary>System permissions Cargo never needs, each a warning when a role of the Cargo user holds it.</summary>
    public static readonly IReadOnlyList<string> AdministrativePermissions =
        ["CREATE USER", "ALTER USER", "DROP USER", "CREATE ROLE", "DROP ROLE", "IGNORE RLS", "ACCESS SYSTEM TABLE"];

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        if (warehouse.User is null)
        {
            return context.Unknown("no database connection succeeded, so the user catalog could not be read");
        }

        var user = SqlQuote.Ident(warehouse.CargoUser);
        const string Vacuous = "Cargo works, but every grant check of this report passes without proving anything, and Cargo can read and change everything in the cluster";
        if (warehouse.User.IsSuperuser)
        {
            return context.Warn(
                $"\"{warehouse.CargoUser}\" is a superuser (CREATEUSER)",
                [Vacuous, "after the fix, run cargo-doctor again: the grant checks then print exactly the grants the setup guide asks for"],
                context.Remedy("not-superuser", ("user", user)));
        }

        var rbac = warehouse.Rbac;
        if (rbac is null || rbac.Gap is not null)
        {
            return context.Unknown($"not a superuser; its roles could not be read: {rbac?.Gap?.ToString() ?? "no connection"}");
        }

        var admin = rbac.UserRoles.Where(m => AdministrativeRoles.Contains(m.Role, StringComparer.OrdinalIgnoreCase)).ToList();
        if (admin.Count > 0)
        {
            var steps = admin.Select(m => m.Path[1]).Distinct(StringComparer.Ordinal)
                .SelectMany(direct => context.Remedy("revoke-role",
                    ("role", SqlQuote.Ident(direct)), ("user", user),
                    ("via", admin.First(m => m.Path[1] == direct) is { Path.Count: > 2 } nested
                        ? $"it reaches the user through {string.Join(" -> ", nested.Path)}, so revoke the first role of that path (or revoke {nested.Role} from the role that holds it, if nothing else needs it)"
                        : "it is granted to the user directly")));
            return context.WarnItems(
                $"\"{warehouse.CargoUser}\" holds {string.Join(", ", admin.Select(m => m.Role))}",
                [
                    .. admin.Select(m => new DetailItem($"{m.Role}: {string.Join(" -> ", m.Path)}", ItemKey.Of(("role", m.Role)))),
                    DetailItem.Line(Vacuous.Replace("every grant check", "many grant checks", StringComparison.Ordinal)),
                ],
                steps);
        }

        var visibility = new CatalogVisibility(warehouse);
        var permissions = AdministrativePermissionsHeld(rbac).ToList();
        if (permissions.Count > 0)
        {
            return context.Warn(
                $"\"{warehouse.CargoUser}\" holds {string.Join(", ", permissions.Select(p => p.Privilege).Distinct(StringComparer.OrdinalIgnoreCase))}, which Cargo never needs",
                [.. permissions.Select(p => $"{p.Privilege}: through role \"{p.Membership.Role}\" ({string.Join(" -> ", p.Membership.Path)})"),
                    "Cargo creates and reads its own schemas and tables only; it administers no user, role or row-level security policy"],
                permissions.Select(p => p.Membership.Path[1]).Distinct(StringComparer.Ordinal)
                    .SelectMany(direct => context.Remedy("revoke-role", ("role", SqlQuote.Ident(direct)), ("user", user),
                        ("via", $"it gives the user {string.Join(", ", permissions.Where(p => p.Membership.Path[1] == direct).Select(p => p.Privilege).Distinct())}; revoke it if nothing else needs it, or revoke the permission from the role"))));
        }

        // Logged in as the Cargo user, its roles are the login's own: svv_role_grants shows their edges.
        var rolesSeen = visibility.Shows(CatalogView.UserGrants)
            && (warehouse.LoginUser == warehouse.CargoUser || rbac.UserRoles.All(m => visibility.Shows(CatalogView.RoleGrants, m.Role)));
        if (!rolesSeen)
        {
            var view = visibility.Shows(CatalogView.UserGrants) ? CatalogView.RoleGrants : CatalogView.UserGrants;
            return context.Unknown(
                $"\"{warehouse.CargoUser}\" is not a superuser; whether it holds {string.Join(", ", AdministrativeRoles)} could not be seen from \"{visibility.Login}\"",
                visibility.HowToSee(view, $"the roles of \"{warehouse.CargoUser}\""));
        }

        // Logged in as the Cargo user, its roles are the login's own: svv_system_privileges shows them.
        var hidden = warehouse.LoginUser == warehouse.CargoUser
            ? []
            : rbac.UserRoles.Where(m => !visibility.Shows(CatalogView.SystemPrivileges, m.Role)).Select(m => m.Role).ToList();
        if (rbac.RolePrivileges is null || hidden.Count > 0)
        {
            return context.Unknown(
                $"\"{warehouse.CargoUser}\" is not a superuser and holds none of {string.Join(", ", AdministrativeRoles)}; the system permissions of its roles could not all be seen",
                [.. hidden.Select(r => $"role \"{r}\": its system permissions are not shown to \"{visibility.Login}\""),
                    .. rbac.RolePrivilegesGap is { } gap ? [$"system permissions could not be read: {gap}"] : Array.Empty<string>(),
                    .. visibility.HowToSee(CatalogView.SystemPrivileges, $"the system permissions of the roles of \"{warehouse.CargoUser}\"")]);
        }

        return context.Pass($"\"{warehouse.CargoUser}\" is not a superuser and holds none of {string.Join(", ", AdministrativeRoles)} nor any administrative system permission");
    }

    /// <summary>Each administrative permission a role of the Cargo user holds, with the path to that role.</summary>
    private static IEnumerable<(string Privilege, Cargo.Doctor.Facts.RoleMembership Membership)> AdministrativePermissionsHeld(Cargo.Doctor.Facts.RbacFacts rbac) =>
        from membership in rbac.UserRoles
        from privilege in rbac.RolePrivileges ?? []
        where privilege.Role == membership.Role
        let name = string.Join(' ', privilege.Privilege.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant()
        where AdministrativePermissions.Contains(name)
        select (name, membership);
}
