using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// Every privilege (ACLs of databases, schemas, relations and functions, default ACLs, the built-in defaults
/// spelled out), role membership, role and object of a test server, one sorted line each, ending with the
/// name it is about: taken before and after a generated script runs, to prove the script only adds.
/// </summary>
public static class CatalogStateSnapshot
{
    /// <summary>The last field of a snapshot line: the grantee, the member, or the role.</summary>
    public static string Grantee(string line) => line.Split('|')[^1];

    /// <summary>The lines of <paramref name="left"/> that <paramref name="right"/> does not have (as a multiset).</summary>
    public static List<string> Minus(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var rest = right.ToList();
        return left.Where(line => !rest.Remove(line)).ToList();
    }

    /// <summary>
    /// Every line of <paramref name="database"/> (its own ACL, and its schemas, relations, functions, default
    /// privileges and objects, whoever the grantee), plus the roles and memberships that name one of
    /// <paramref name="roles"/>. The server is shared by test classes running in parallel, so the roles and
    /// databases other tests create meanwhile are left out, or they would show up as changes.
    /// </summary>
    public static async Task<List<string>> TakeAsync(PostgresServer server, string database, IReadOnlyCollection<string> roles)
    {
        const string Grantee = "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END";
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(server, "postgres", $"""
            SELECT 'database|' || d.datname || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_database d, pg_catalog.aclexplode(coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
            WHERE d.datname = @database
            UNION ALL SELECT 'role|' || rolname FROM pg_catalog.pg_roles WHERE rolname = ANY(@roles)
            UNION ALL SELECT 'member|' || pg_catalog.pg_get_userbyid(m.roleid) || '|' || pg_catalog.pg_get_userbyid(m.member) FROM pg_catalog.pg_auth_members m
            WHERE pg_catalog.pg_get_userbyid(m.roleid) = ANY(@roles) OR pg_catalog.pg_get_userbyid(m.member) = ANY(@roles)
            """, database, roles));
        lines.AddRange(await QueryAsync(server, database, $"""
            SELECT 'schema|' || n.nspname || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) a
            UNION ALL
            SELECT 'relation|' || c.oid::pg_catalog.regclass::text || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_class c, pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a
            WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
            UNION ALL
            SELECT 'function|' || p.oid::pg_catalog.regprocedure::text || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_proc p, pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
            UNION ALL
            SELECT 'default|' || pg_catalog.pg_get_userbyid(d.defaclrole) || '|' || coalesce(n.nspname, '') || '|' || d.defaclobjtype::text || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace, pg_catalog.aclexplode(d.defaclacl) a
            UNION ALL
            SELECT 'object|' || c.relkind::text || '|' || c.oid::pg_catalog.regclass::text FROM pg_catalog.pg_class c
            """, database, roles));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> QueryAsync(PostgresServer server, string database, string sql, string databaseName, IReadOnlyCollection<string> roles)
    {
        await using var connection = await server.OpenAdminAsync(database);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("database", databaseName);
        command.Parameters.AddWithValue("roles", roles.Append(PostgresServer.AdminUser).Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
