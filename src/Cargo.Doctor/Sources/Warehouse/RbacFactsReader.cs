using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// The function-creation role: whether it exists, its system privileges, and every role that
/// reaches the Cargo user. The svv_* views list explicit grants only, so the nested-role closure
/// is computed here from the edges (four statements, whatever the number of roles).
/// </summary>
internal static class RbacFactsReader
{
    public static async Task<RbacFacts> ReadAsync(WarehouseSession session, string user, string role, CancellationToken ct)
    {
        var facts = new RbacFacts { FunctionRole = role };
        try
        {
            var (roleSql, roleParameters) = WarehouseQuery.Load("role-exists").Bind(new Dictionary<string, object> { ["role"] = role });
            var exists = (await session.QueryAsync(roleSql, roleParameters, r => DbValue.Text(r, 0), ct)).Count > 0;

            var (userSql, userParameters) = WarehouseQuery.Load("user-role-grants").Bind(new Dictionary<string, object> { ["user"] = user });
            var direct = await session.QueryAsync(userSql, userParameters, r => DbValue.Text(r, 0)!, ct);

            var (edgeSql, edgeParameters) = WarehouseQuery.Load("role-role-grants").Bind();
            var edges = await session.QueryAsync(edgeSql, edgeParameters, r => (Grantee: DbValue.Text(r, 0)!, Granted: DbValue.Text(r, 1)!), ct);

            facts = facts with { RoleExists = exists, UserRoles = Closure(user, direct, edges) };
        }
        catch (PostgresException e)
        {
            return facts with { Gap = new Gap($"could not read roles: {e.MessageText}") };
        }

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
