using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// db.least-privilege: the Cargo user is not a superuser (CREATEUSER makes one,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_USER.html) and holds none of the
/// administrative system-defined roles (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-default.html).
/// Cargo works either way, but every grant check then passes without proving anything.
/// </summary>
public sealed class LeastPrivilegeRule : IRule
{
    public const string Id = "db.least-privilege";

    /// <summary>sys:superuser: every system permission; sys:dba: DDL on any schema; sys:secadmin: users and role grants.</summary>
    public static readonly IReadOnlyList<string> AdministrativeRoles = ["sys:superuser", "sys:dba", "sys:secadmin"];

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

        return context.Pass($"\"{warehouse.CargoUser}\" is not a superuser and holds none of {string.Join(", ", AdministrativeRoles)}");
    }
}
