using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// Reads everything the db.* checks need: one connection per configured database, and a fixed
/// number of set-based statements per database whatever the number of schemas and tables.
/// </summary>
public sealed class WarehouseFactsReader(WarehouseConfig config, string? password)
{
    public StatementLog Log { get; } = new();

    public async Task<WarehouseFacts> ReadAsync(CancellationToken ct)
    {
        var connector = new WarehouseConnector(config, password, Log);
        var user = config.User;
        var databases = new List<DatabaseFacts>();
        var (login, loginIsSuperuser) = (connector.LoginUser, false);
        UserFacts? userFacts = null;
        RbacFacts? rbac = null;
        Dictionary<string, (bool Create, bool Temp)> databasePrivileges = [];
        Gap? databasePrivilegesGap = null;

        foreach (var database in config.AllDatabases)
        {
            var (session, connection) = await connector.OpenAsync(database, ct);
            if (session is null)
            {
                databases.Add(new DatabaseFacts { Name = database, Connection = connection });
                continue;
            }

            await using (session)
            {
                if (userFacts is null)
                {
                    // Cluster-wide facts come from the first database that answers.
                    var who = await ReadSessionAsync(session, ct);
                    (login, loginIsSuperuser) = (who.Login, who.IsSuperuser);
                    connection = connection with { IsRedshift = who.Version.Contains("Redshift", StringComparison.OrdinalIgnoreCase), ServerVersion = who.Version };
                    userFacts = await ReadUserAsync(session, user, ct);
                    if (userFacts.Exists)
                    {
                        (databasePrivileges, databasePrivilegesGap) = await ReadDatabasePrivilegesAsync(session, ct);
                        rbac = await RbacFactsReader.ReadAsync(session, user, config.FunctionRole, ct);
                    }
                }

                databases.Add(userFacts.Exists
                    ? await ReadDatabaseAsync(session, database, connection, ct)
                    : new DatabaseFacts { Name = database, Connection = connection });
            }
        }

        databases = databases.Select(d => databasePrivileges.TryGetValue(d.Name, out var p)
            ? d with { CanCreate = p.Create, CanTemp = p.Temp }
            : d with { PrivilegesGap = d.PrivilegesGap ?? databasePrivilegesGap }).ToList();

        return new WarehouseFacts
        {
            CargoUser = user,
            LoginUser = login,
            LoginIsSuperuser = loginIsSuperuser,
            Databases = databases,
            User = userFacts,
            Rbac = rbac,
            StatementCount = Log.Count,
        };
    }

    private static async Task<(string Version, string Login, bool IsSuperuser)> ReadSessionAsync(WarehouseSession session, CancellationToken ct)
    {
        var (sql, parameters) = WarehouseQuery.Load("session").Bind();
        var rows = await session.QueryAsync(sql, parameters, r => (DbValue.Text(r, 0) ?? "", DbValue.Text(r, 1) ?? "", DbValue.Flag(r, 2)), ct);
        return rows[0];
    }

    private static async Task<UserFacts> ReadUserAsync(WarehouseSession session, string user, CancellationToken ct)
    {
        var (sql, parameters) = WarehouseQuery.Load("user").Bind(new Dictionary<string, object> { ["user"] = user });
        var rows = await session.QueryAsync(sql, parameters, r => DbValue.Flag(r, 1), ct);
        return new UserFacts { Exists = rows.Count > 0, IsSuperuser = rows.Count > 0 && rows[0] };
    }

    private async Task<(Dictionary<string, (bool, bool)>, Gap?)> ReadDatabasePrivilegesAsync(WarehouseSession session, CancellationToken ct)
    {
        var (sql, parameters) = WarehouseQuery.Load("database-privileges").Bind(
            new Dictionary<string, object> { ["user"] = config.User },
            new Dictionary<string, IReadOnlyList<string>> { ["databases"] = config.AllDatabases });
        try
        {
            var rows = await session.QueryAsync(sql, parameters, r => (Name: DbValue.Text(r, 0)!, Create: DbValue.Flag(r, 1), Temp: DbValue.Flag(r, 2)), ct);
            return (rows.ToDictionary(r => r.Name, r => (r.Create, r.Temp)), null);
        }
        catch (PostgresException e)
        {
            return ([], new Gap($"could not read database privileges: {e.MessageText}"));
        }
    }

    private async Task<DatabaseFacts> ReadDatabaseAsync(WarehouseSession session, string database, ConnectionFacts connection, CancellationToken ct)
    {
        var targets = config.Schemas.Where(s => s.Database == database).ToList();
        var facts = new DatabaseFacts { Name = database, Connection = connection };
        if (targets.Count == 0)
        {
            return facts;
        }

        var userParameter = new Dictionary<string, object> { ["user"] = config.User };
        var names = targets.Select(t => t.Schema).Distinct().ToList();
        try
        {
            var (schemaSql, schemaParameters) = WarehouseQuery.Load("schemas").Bind(userParameter,
                new Dictionary<string, IReadOnlyList<string>> { ["schemas_lower"] = names.Select(n => n.ToLowerInvariant()).Distinct().ToList() });
            var found = await session.QueryAsync(schemaSql, schemaParameters,
                r => (Name: DbValue.Text(r, 0)!, Owner: DbValue.Text(r, 1), Usage: DbValue.Flag(r, 2), LoginUsage: DbValue.Flag(r, 3)), ct);

            var examined = found.Where(f => names.Contains(f.Name) && f.LoginUsage).Select(f => f.Name).ToList();
            var (tableSql, tableParameters) = WarehouseQuery.Load("table-privileges").Bind(userParameter,
                new Dictionary<string, IReadOnlyList<string>> { ["schemas"] = examined });
            var tables = examined.Count == 0 ? [] : await session.QueryAsync(tableSql, tableParameters, r => new TablePrivilegeFacts(
                DbValue.Text(r, 0)!, DbValue.Text(r, 1)!, DbValue.Text(r, 2)!, DbValue.Text(r, 3),
                DbValue.Flag(r, 4), DbValue.Flag(r, 5), DbValue.Flag(r, 6), DbValue.Flag(r, 7)), ct);

            // Sorted here rather than by the server: an ORDER BY over 100k rows spills to disk there.
            tables.Sort((a, b) => (string.CompareOrdinal(a.Schema, b.Schema), string.CompareOrdinal(a.Name, b.Name)) switch
            {
                (0, var byName) => byName,
                (var bySchema, _) => bySchema,
            });

            facts = facts with
            {
                Schemas = targets.Select(t =>
                {
                    var match = found.FirstOrDefault(f => f.Name == t.Schema);
                    return new SchemaFacts
                    {
                        Name = t.Schema,
                        ReadOnly = t.ReadOnly,
                        Exists = match.Name is not null,
                        Usage = match.Usage,
                        TablesExamined = match.LoginUsage,
                        Owner = match.Owner,
                        SimilarNames = match.Name is null
                            ? found.Where(f => string.Equals(f.Name, t.Schema, StringComparison.OrdinalIgnoreCase)).Select(f => f.Name).ToList()
                            : [],
                    };
                }).ToList(),
                Tables = tables,
            };
        }
        catch (PostgresException e)
        {
            return facts with { PrivilegesGap = new Gap($"could not read schema and table privileges in \"{database}\": {e.MessageText}") };
        }

        var (futureGrants, futureGap) = await FutureGrantsReader.ReadAsync(session, names, ct);
        return facts with { FutureGrants = futureGrants, FutureGrantsGap = futureGap };
    }
}
