using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// The function-creation role: whether it exists, its system privileges, and every role that
/// reaches the Cargo user; the roles the login itself holds (what the views let it see depends on
/// them); the Cargo user's user groups. The svv_* views list explicit grants only, so the nested-role
/// closures are computed here from the edges (six statements, whatever the number of roles).
/// </summary>
internal static class RbacFactsReader
{
    public static async Task<RbacFacts> ReadAsync(WarehouseSession session, string user, string role, CancellationToken ct)
    {
        var facts = new RbacFacts { FunctionRole = role };
        try
        {
            var (roleSql, roleParameters) = WarehouseQuery.Load("role-exists").Bind(new Dictionary<string, object> { ["role"] = role });
            var spellings = await session.QueryAsync(roleSql, roleParameters, r => DbValue.Text(r, 0)!, ct);
            var exists = spellings.Contains(role, StringComparer.Ordinal);

            var (userSql, userParameters) = WarehouseQuery.Load("user-role-grants").Bind(new Dictionary<string, object> { ["user"] = user });
            var direct = await session.QueryAsync(userSql, userParameters, r => DbValue.Text(r, 0)!, ct);

            var (edgeSql, edgeParameters) = WarehouseQuery.Load("role-role-grants").Bind();
            var edges = await session.QueryAsync(edgeSql, edgeParameters, r => (Grantee: DbValue.Text(r, 0)!, Granted: DbValue.Text(r, 1)!), ct);

            var (loginSql, loginParameters) = WarehouseQuery.Load("login-role-grants").Bind();
            var loginDirect = await session.QueryAsync(loginSql, loginParameters, r => (Login: DbValue.Text(r, 0)!, Role: DbValue.Text(r, 1)!), ct);
            var login = loginDirect.Count > 0 ? loginDirect[0].Login : "";

            facts = facts with
            {
                RoleExists = exists,
                RoleSimilarNames = exists ? [] : spellings,
                UserRoles = Closure(user, direct, edges),
                LoginRoles = Closure(login, loginDirect.Select(d => d.Role), edges),
            };
        }
        catch (PostgresException e)
        {
            return facts with { Gap = new Gap($"could not read roles: {e.MessageText}") };
        }

        facts = await ReadGroupsAsync(session, user, facts, ct);
        try
        {
            var (privilegeSql, privilegeParameters) = WarehouseQuery.Load("role-system-privileges").Bind();
            var privileges = await session.QueryAsync(privilegeSql, privilegeParameters, r => (Role: DbValue.Text(r, 0)!, Privilege: DbValue.Text(r, 1)!), ct);
            return facts with
            {
                RolePrivileges = privileges.Select(p => new RolePrivilege(p.Role, p.Privilege)).Distinct().ToList(),
            };
        }
        catch (PostgresException e)
        {
            return facts with { RolePrivilegesGap = new Gap($"could not read svv_system_privileges: {e.MessageText}", "ACCESS SYSTEM TABLE") };
        }
    }

    private static async Task<RbacFacts> ReadGroupsAsync(WarehouseSession session, string user, RbacFacts facts, CancellationToken ct)
    {
        try
        {
            var (sql, parameters) = WarehouseQuery.Load("user-groups").Bind(new Dictionary<string, object> { ["user"] = user });
            var groups = await session.QueryAsync(sql, parameters, r => DbValue.Text(r, 0)!, ct);
            return facts with { CargoUserGroups = groups.Distinct().Order(StringComparer.Ordinal).ToList() };
        }
        catch (PostgresException e)
        {
            return facts with { CargoUserGroupsGap = new Gap($"could not read pg_group: {e.MessageText}") };
        }
    }

    /// <summary>Breadth-first over grant edges, keeping the shortest path from the user to each role.</summary>
    internal static List<RoleMembership> Closure(string user, IEnumerable<string> direct, IReadOnlyList<(string Grantee, string Granted)> edges)
    {
        var paths = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var role in direct.Distinct())
        {
            paths[role] = [user, role];
            queue.Enqueue(role);
        }

        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var (_, granted) in edges.Where(e => e.Grantee == current))
            {
                if (paths.TryAdd(granted, [.. paths[current], granted]))
                {
                    queue.Enqueue(granted);
                }
            }
        }

        return paths.Select(p => new RoleMembership(p.Key, p.Value)).OrderBy(m => m.Path.Count).ThenBy(m => m.Role, StringComparer.Ordinal).ToList();
    }
}
