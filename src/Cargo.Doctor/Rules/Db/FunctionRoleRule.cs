using Cargo.Doctor.Findings;
using Cargo.Doctor.Sql;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// db.function-role: the role exists, holds CREATE OR REPLACE FUNCTION, and reaches the Cargo user
/// directly or through nested roles. Each of the three failures has its own fix.
/// </summary>
public sealed class FunctionRoleRule : IRule
{
    public const string Privilege = "CREATE OR REPLACE FUNCTION";

    public string CheckId => "db.function-role";

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        if (warehouse.User?.IsSuperuser == true)
        {
            return context.Pass($"\"{warehouse.CargoUser}\" is a superuser and may create functions without the role");
        }

        var rbac = warehouse.Rbac;
        if (rbac is null || rbac.Gap is not null)
        {
            return context.Unknown(rbac?.Gap?.ToString() ?? "roles could not be read (no connection)");
        }

        var values = new[] { ("role", SqlQuote.Ident(rbac.FunctionRole)), ("user", SqlQuote.Ident(warehouse.CargoUser)) };
        if (!rbac.RoleExists)
        {
            return context.Fail($"role \"{rbac.FunctionRole}\" does not exist", null, context.Remedy("create-role", values));
        }

        var membership = rbac.FunctionRoleMembership();
        var holders = rbac.FunctionPrivilegeHolders();
        var roleHolds = holders?.Contains(rbac.FunctionRole);

        // Without superuser or ACCESS SYSTEM TABLE, a role's system privileges are visible only to
        // its holders: if the role does not reach the login, "not listed" is not "not granted".
        var canSeeRole = warehouse.LoginIsSuperuser || membership is not null || warehouse.LoginUser != warehouse.CargoUser;
        var problems = new List<string>();
        var remediation = new List<RemediationStep>();
        if (roleHolds == false && canSeeRole)
        {
            problems.Add($"role \"{rbac.FunctionRole}\" does not hold {Privilege}");
            remediation.AddRange(context.Remedy("grant-privilege", values));
        }

        if (membership is null)
        {
            problems.Add($"role \"{rbac.FunctionRole}\" is not granted to \"{warehouse.CargoUser}\" (directly or through another role)");
            remediation.AddRange(context.Remedy("grant-role", values));
        }

        if (problems.Count > 0)
        {
            var viaOther = rbac.UserRoles.FirstOrDefault(m => holders?.Contains(m.Role) == true);
            var details = viaOther is null
                ? problems
                : [.. problems, $"note: \"{warehouse.CargoUser}\" already holds {Privilege} through role \"{viaOther.Role}\" ({string.Join(" -> ", viaOther.Path)})"];
            if (roleHolds is null || (roleHolds == false && !canSeeRole))
            {
                details = [.. details, $"whether \"{rbac.FunctionRole}\" holds {Privilege} could not be seen: {rbac.RolePrivilegesGap?.ToString() ?? "its system permissions are visible only to its holders, superusers and ACCESS SYSTEM TABLE"}"];
            }

            return context.Fail(string.Join("; ", problems), details, remediation);
        }

        var path = $"{string.Join(" -> ", membership!.Path)}";
        if (roleHolds is null)
        {
            return context.Unknown(
                $"role \"{rbac.FunctionRole}\" reaches the user ({path}) but its system permissions could not be read",
                [rbac.RolePrivilegesGap?.ToString() ?? "svv_system_privileges not readable"]);
        }

        return context.Pass($"role \"{rbac.FunctionRole}\" holds {Privilege} and reaches the user ({path})");
    }
}
