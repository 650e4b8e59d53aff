using System.Globalization;
using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// "Granted via": the explicit grants behind the Cargo user's database, schema and table privileges,
/// from svv_database_privileges (once per run: it lists the whole cluster), svv_schema_privileges and
/// svv_relation_privileges (once per database; tables counted by the server). Only grants to the
/// user, its roles, its user groups and PUBLIC are asked for. A view the login may not read, a
/// timeout or a lost connection is a gap on that list only: these facts never decide a verdict.
/// </summary>
internal static class ExplicitGrantsReader
{
    public static async Task<(IReadOnlyList<ExplicitGrant>?, Gap?)> ReadDatabasesAsync(
        WarehouseSession session, string user, RbacFacts? rbac, IReadOnlyList<string> databases, CancellationToken ct) =>
        await ReadAsync(session, "database-grants", "svv_database_privileges", user, rbac, "databases", databases,
            r => new ExplicitGrant(DbValue.Text(r, 0)!, Privilege(DbValue.Text(r, 1)), Grantee(DbValue.Text(r, 2), DbValue.Text(r, 3)), DbValue.Text(r, 3) ?? ""), ct);

    public static async Task<(IReadOnlyList<ExplicitGrant>?, Gap?)> ReadSchemasAsync(
        WarehouseSession session, string user, RbacFacts? rbac, IReadOnlyList<string> schemas, CancellationToken ct) =>
        await ReadAsync(session, "schema-grants", "svv_schema_privileges", user, rbac, "schemas", schemas,
            r => new ExplicitGrant(DbValue.Text(r, 0)!, Privilege(DbValue.Text(r, 1)), Grantee(DbValue.Text(r, 2), DbValue.Text(r, 3)), DbValue.Text(r, 3) ?? ""), ct);

    public static async Task<(IReadOnlyList<TableGrantCount>?, Gap?)> ReadTablesAsync(
        WarehouseSession session, string user, RbacFacts? rbac, IReadOnlyList<string> schemas, CancellationToken ct) =>
        await ReadAsync(session, "relation-grant-counts", "svv_relation_privileges", user, rbac, "schemas", schemas,
            r => new TableGrantCount(
                DbValue.Text(r, 0)!, Privilege(DbValue.Text(r, 1)), Grantee(DbValue.Text(r, 3), DbValue.Text(r, 2)), DbValue.Text(r, 2) ?? "",
                Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture)), ct);

    /// <summary>
    /// PUBLIC and the "any grantee" count have no name: kept empty so that --redact, which turns
    /// every grantee name into a token everywhere, never takes "public" or "*" for a customer's name.
    /// </summary>
    private static string Grantee(string? name, string? type) =>
        type is "public" or TableGrantCount.AnyGrantee ? "" : name ?? "";

    /// <summary>Redshift lists TEMP as TEMP or TEMPORARY (r_SVV_DATABASE_PRIVILEGES.html): one name for both.</summary>
    private static string Privilege(string? privilege) =>
        (privilege ?? "").Trim().ToUpperInvariant() is "TEMPORARY" ? "TEMP" : (privilege ?? "").Trim().ToUpperInvariant();

    private static async Task<(IReadOnlyList<T>?, Gap?)> ReadAsync<T>(
        WarehouseSession session, string query, string view, string user, RbacFacts? rbac, string listName, IReadOnlyList<string> objects,
        Func<System.Data.Common.DbDataReader, T> map, CancellationToken ct)
    {
        if (objects.Count == 0)
        {
            return ([], null);
        }

        var scalars = new Dictionary<string, object> { ["user"] = user };
        var roles = rbac?.UserRoles.Select(m => m.Role).Distinct().ToList() ?? [];
        var groups = rbac?.CargoUserGroups?.ToList() ?? [];
        var rows = new List<T>();
        try
        {
            // Long object lists run in batches, like every list the reader binds; a schema's counts
            // stay in one batch, so they are never split.
            foreach (var batch in objects.Chunk(WarehouseQuery.MaxListValues))
            {
                var (sql, parameters) = WarehouseQuery.Load(query).Bind(scalars, new Dictionary<string, IReadOnlyList<string>>
                {
                    [listName] = batch,
                    ["roles"] = roles,
                    ["groups"] = groups,
                });
                rows.AddRange(await session.QueryAsync(sql, parameters, map, ct));
            }

            return (rows, null);
        }
        catch (PostgresException e)
        {
            return (null, new Gap($"could not read {view} in \"{session.Database}\": {e.MessageText}"));
        }
        catch (WarehouseReadException e)
        {
            return (null, e.Gap);
        }
    }
}
