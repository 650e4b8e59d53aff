using Cargo.Doctor.Tests.Fixtures;
using Npgsql;

namespace Cargo.Doctor.Tests.Checks.Probes;

/// <summary>
/// Every schema (owner, ACL, comment), relation, function and default ACL of a database, read as
/// admin: two equal snapshots mean a run left nothing behind and changed nothing.
/// </summary>
public static class CatalogSnapshot
{
    private const string Sql = """
        SELECT 'schema ' || n.nspname || ' owner=' || pg_get_userbyid(n.nspowner) || ' acl=' || COALESCE(n.nspacl::text, '') || ' comment=' || COALESCE(obj_description(n.oid, 'pg_namespace'), '')
        FROM pg_namespace n WHERE n.nspname !~ '^pg_(toast_)?temp_'
        UNION ALL
        SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind=' || c.relkind::text || ' owner=' || pg_get_userbyid(c.relowner) || ' acl=' || COALESCE(c.relacl::text, '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname !~ '^pg_(toast_)?temp_'
        UNION ALL
        SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') owner=' || pg_get_userbyid(p.proowner)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        UNION ALL
        SELECT 'default-acl ' || pg_get_userbyid(d.defaclrole) || ' ns=' || d.defaclnamespace::text || ' type=' || d.defaclobjtype::text || ' acl=' || d.defaclacl::text
        FROM pg_default_acl d
        ORDER BY 1
        """;

    public static async Task<IReadOnlyList<string>> TakeAsync(WarehouseScenario scenario)
    {
        await using var connection = await scenario.Server.OpenAdminAsync(scenario.Database);
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
