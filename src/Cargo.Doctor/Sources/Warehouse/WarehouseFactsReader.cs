using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// Reads everything the db.* checks need: one connection per configured database, and a fixed
/// number of set-based statements per database whatever the number of schemas and tables (lists
/// longer than <see cref="WarehouseQuery.MaxListValues"/> run in batches). A statement that fails,
/// times out or loses its connection becomes a gap on the facts it would have read, never an exception.
/// </summary>
public sealed class WarehouseFactsReader(WarehouseConfig config, string? password)
{
    /// <summary>"oid" until a server rejects has_table_privilege by oid; then "name" for the rest of the run.</summary>
    private string _tableLookup = "oid";
    private string? _tableLookupNote;

    public StatementLog Log { get; } = new();

    /// <summary>The role chain db.assume-role-privilege asks about; null when an ARN is not known.</summary>
    public RoleChain? AssumeRoleChain { get; init; }

    public async Task<WarehouseFacts> ReadAsync(CancellationToken ct)
    {
        var connector = new WarehouseConnector(config, password, Log);
        var user = config.User;
        var databases = new List<DatabaseFacts>();
        var (login, loginIsSuperuser) = (connector.LoginUser, false);
        UserFacts? userFacts = null;
        RbacFacts? rbac = null;
        AssumeRoleFacts? assumeRole = null;
        Dictionary<string, (bool Create, bool Temp)> databasePrivileges = [];
        Gap? databasePrivilegesGap = null;
        (IReadOnlyList<ExplicitGrant>? Grants, Gap? Gap) databaseGrants = (null, null);

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
                    try
                    {
                        var who = await ReadSessionAsync(session, ct);
                        (login, loginIsSuperuser) = (who.Login, who.IsSuperuser);
                        connection = connection with { IsRedshift = who.Version.Contains("Redshift", StringComparison.OrdinalIgnoreCase), ServerVersion = who.Version };
                        userFacts = await ReadUserAsync(session, user, ct);
                    }
                    catch (Exception e) when (e is PostgresException or WarehouseReadException)
                    {
                        var gap = e is WarehouseReadException r ? r.Gap : new Gap($"could not read the user catalog: {((PostgresException)e).MessageText}");
                        databases.Add(new DatabaseFacts { Name = database, Connection = connection, PrivilegesGap = gap, TablesGap = gap, FutureGrantsGap = gap });
                        continue;
                    }

                    if (userFacts.Exists)
                    {
                        (databasePrivileges, databasePrivilegesGap) = await ReadDatabasePrivilegesAsync(session, ct);
                        rbac = await ReadRbacAsync(session, user, ct);
                        databaseGrants = await ExplicitGrantsReader.ReadDatabasesAsync(session, user, rbac, config.AllDatabases, ct);
                        assumeRole = await ReadAssumeRoleAsync(session, user, login, loginIsSuperuser, ct);
                    }
                }

                databases.Add(userFacts.Exists
                    ? await ReadDatabaseAsync(session, database, connection, rbac, ct)
                    : new DatabaseFacts { Name = database, Connection = connection });
            }
        }

        databases = databases.Select(d => databasePrivileges.TryGetValue(d.Name, out var p)
            ? d with { CanCreate = p.Create, CanTemp = p.Temp }
            : d with { DatabasePrivilegesGap = databasePrivilegesGap }).ToList();
        databases = databases.Select(d => d with
        {
            ExplicitGrants = (d.ExplicitGrants ?? new ExplicitGrantFacts()) with
            {
                Database = databaseGrants.Grants?.Where(g => g.Object == d.Name).ToList(),
                DatabaseGap = databaseGrants.Gap ?? (databaseGrants.Grants is null ? new Gap("svv_database_privileges was not read") : null),
            },
        }).ToList();

        return new WarehouseFacts
        {
            CargoUser = user,
            LoginUser = login,
            LoginIsSuperuser = loginIsSuperuser,
            Databases = databases,
            User = userFacts,
            Rbac = rbac,
            AssumeRole = assumeRole,
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

    private async Task<RbacFacts> ReadRbacAsync(WarehouseSession session, string user, CancellationToken ct)
    {
        try
        {
            return await RbacFactsReader.ReadAsync(session, user, config.FunctionRole, ct);
        }
        catch (WarehouseReadException e)
        {
            return new RbacFacts { FunctionRole = config.FunctionRole, Gap = e.Gap };
        }
    }

    private async Task<AssumeRoleFacts?> ReadAssumeRoleAsync(WarehouseSession session, string user, string login, bool loginIsSuperuser, CancellationToken ct)
    {
        if (AssumeRoleChain is not { } chain)
        {
            return null;
        }

        try
        {
            return await AssumeRoleFactsReader.ReadAsync(session, user, login, loginIsSuperuser, chain, ct);
        }
        catch (WarehouseReadException e)
        {
            return new AssumeRoleFacts { CustomerRoleArn = chain.CustomerRoleArn, CargoRoleArn = chain.CargoRoleArn, PrivilegeGap = e.Gap, GrantsGap = e.Gap };
        }
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
        catch (WarehouseReadException e)
        {
            return ([], e.Gap);
        }
    }

    private async Task<DatabaseFacts> ReadDatabaseAsync(WarehouseSession session, string database, ConnectionFacts connection, RbacFacts? rbac, CancellationToken ct)
    {
        var targets = config.Schemas.Where(s => s.Database == database).ToList();
        var facts = new DatabaseFacts { Name = database, Connection = connection };
        if (targets.Count == 0)
        {
            return facts;
        }

        var userParameter = new Dictionary<string, object> { ["user"] = config.User };
        var names = targets.Select(t => t.Schema).Distinct().ToList();
        List<(string Name, string? Owner, bool Usage, bool LoginUsage)> found = [];
        try
        {
            foreach (var (schemaSql, schemaParameters) in WarehouseQuery.Load("schemas").BindBatches(userParameter, "schemas_lower", names.Select(n => n.ToLowerInvariant()).Distinct().ToList()))
            {
                found.AddRange(await session.QueryAsync(schemaSql, schemaParameters,
                    r => (Name: DbValue.Text(r, 0)!, Owner: DbValue.Text(r, 1), Usage: DbValue.Flag(r, 2), LoginUsage: DbValue.Flag(r, 3)), ct));
            }
        }
        catch (Exception e) when (e is PostgresException or WarehouseReadException)
        {
            var gap = e is WarehouseReadException r ? r.Gap : new Gap($"could not read schema and table privileges in \"{database}\": {((PostgresException)e).MessageText}");
            return facts with { PrivilegesGap = gap, TablesGap = gap, FutureGrantsGap = session.Lost };
        }

        var byName = found.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byLowerName = found.ToLookup(f => f.Name.ToLowerInvariant());
        facts = facts with
        {
            Schemas = targets.Select(t =>
            {
                var exists = byName.TryGetValue(t.Schema, out var match);
                return new SchemaFacts
                {
                    Name = t.Schema,
                    ReadOnly = t.ReadOnly,
                    Exists = exists,
                    Usage = match.Usage,
                    TablesExamined = match.LoginUsage,
                    Owner = match.Owner,
                    SimilarNames = exists ? [] : byLowerName[t.Schema.ToLowerInvariant()].Select(f => f.Name).ToList(),
                };
            }).ToList(),
        };

        var examined = found.Where(f => f.LoginUsage && names.Contains(f.Name)).Select(f => f.Name).ToList();
        try
        {
            var (tables, notes) = await ReadTablesAsync(session, examined, ct);
            facts = facts with { Tables = tables, TablePrivilegeLookup = _tableLookup, TableReadNotes = notes };
        }
        catch (Exception e) when (e is PostgresException or WarehouseReadException)
        {
            facts = facts with
            {
                TablesGap = e is WarehouseReadException r ? r.Gap : new Gap($"could not read table privileges in \"{database}\": {((PostgresException)e).MessageText}"),
            };
        }

        facts = facts with { ExplicitGrants = await ReadExplicitGrantsAsync(session, found.Where(f => names.Contains(f.Name)).Select(f => f.Name).ToList(), examined, rbac, ct) };
        try
        {
            var futureGrants = new List<FutureGrantFacts>();
            Gap? futureGap = null;
            foreach (var batch in names.Chunk(WarehouseQuery.MaxListValues))
            {
                var (grants, gap) = await FutureGrantsReader.ReadAsync(session, batch, ct);
                futureGrants.AddRange(grants);
                futureGap ??= gap;
            }

            return facts with { FutureGrants = futureGrants, FutureGrantsGap = futureGap };
        }
        catch (WarehouseReadException e)
        {
            return facts with { FutureGrantsGap = e.Gap };
        }
    }

    /// <summary>"Granted via": explicit USAGE grants on the existing schemas, explicit table grants counted in the examined ones.</summary>
    private async Task<ExplicitGrantFacts> ReadExplicitGrantsAsync(WarehouseSession session, List<string> schemas, List<string> examined, RbacFacts? rbac, CancellationToken ct)
    {
        var (schemaGrants, schemaGap) = await ExplicitGrantsReader.ReadSchemasAsync(session, config.User, rbac, schemas, ct);
        var (tableGrants, tableGap) = await ExplicitGrantsReader.ReadTablesAsync(session, config.User, rbac, examined, ct);
        return new ExplicitGrantFacts { Schemas = schemaGrants, SchemasGap = schemaGap, Tables = tableGrants, TablesGap = tableGap };
    }

    /// <summary>Table privileges by oid (by name once a server rejected the oid form), materialized views told apart.</summary>
    private async Task<(List<TablePrivilegeFacts> Tables, List<string> Notes)> ReadTablesAsync(WarehouseSession session, List<string> schemas, CancellationToken ct)
    {
        var notes = new List<string>();
        if (schemas.Count == 0)
        {
            return ([], notes);
        }

        List<TablePrivilegeFacts> tables;
        try
        {
            tables = await QueryTablesAsync(session, _tableLookup == "oid" ? "table-privileges" : "table-privileges-by-name", schemas, ct);
        }
        catch (PostgresException e) when (_tableLookup == "oid" && session.Lost is null && RejectsOidForm(e))
        {
            _tableLookup = "name";
            _tableLookupNote = $"has_table_privilege(user, oid, privilege) was rejected ({e.MessageText}): tables were looked up by name for this run, " +
                "and a name with upper-case letters cannot be found that way when enable_case_sensitive_identifier is off";
            tables = await QueryTablesAsync(session, "table-privileges-by-name", schemas, ct);
        }

        if (_tableLookupNote is not null)
        {
            notes.Add(_tableLookupNote);
        }

        var (listed, mvNote) = await ReadMaterializedViewsAsync(session, schemas, ct);
        if (mvNote is not null)
        {
            notes.Add(mvNote);
        }

        tables = MaterializedViewClassifier.Classify(tables, listed);

        // Sorted here rather than by the server: an ORDER BY over 100k rows spills to disk there.
        tables.Sort((a, b) => (string.CompareOrdinal(a.Schema, b.Schema), string.CompareOrdinal(a.Name, b.Name)) switch
        {
            (0, var byName) => byName,
            (var bySchema, _) => bySchema,
        });
        return (tables, notes);
    }

    private async Task<List<TablePrivilegeFacts>> QueryTablesAsync(WarehouseSession session, string query, List<string> schemas, CancellationToken ct)
    {
        var tables = new List<TablePrivilegeFacts>();
        foreach (var (sql, parameters) in WarehouseQuery.Load(query).BindBatches(new Dictionary<string, object> { ["user"] = config.User }, "schemas", schemas))
        {
            tables.AddRange(await session.QueryAsync(sql, parameters, ReadTable, ct));
        }

        return tables;
    }

    private static TablePrivilegeFacts ReadTable(System.Data.Common.DbDataReader r)
    {
        var table = new TablePrivilegeFacts(
            DbValue.Text(r, 0)!, DbValue.Text(r, 1)!, DbValue.Text(r, 2)!, DbValue.Text(r, 3),
            DbValue.Flag(r, 4), DbValue.Flag(r, 5), DbValue.Flag(r, 6), DbValue.Flag(r, 7));
        if (DbValue.Flag(r, 8))
        {
            return table with { Unreadable = new Gap("not looked up: Redshift folds this name to lower case when looking it up by name (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html)") };
        }

        return Enumerable.Range(4, 4).Any(r.IsDBNull)
            ? table with { Unreadable = new Gap("has_table_privilege gave no answer (the table was dropped or renamed during the run?)") }
            : table;
    }

    /// <summary>Materialized views SVV_MV_INFO or STV_MV_INFO list; a note when neither could be read.</summary>
    /// <summary>
    /// Only a server that does not know the oid form switches the run to names: undefined or ambiguous
    /// function, or Redshift's "not supported" for leader-node functions
    /// (https://docs.aws.amazon.com/redshift/latest/dg/c_sql-functions-leader-node.html). A timeout or
    /// permission error stays a gap instead of changing how every later table is read.
    /// </summary>
    private static bool RejectsOidForm(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.UndefinedFunction or PostgresErrorCodes.AmbiguousFunction or PostgresErrorCodes.FeatureNotSupported;

    private static async Task<(HashSet<(string, string)>, string?)> ReadMaterializedViewsAsync(WarehouseSession session, List<string> schemas, CancellationToken ct)
    {
        var listed = new HashSet<(string, string)>();
        var errors = new List<string>();
        foreach (var view in new[] { "svv", "stv" })
        {
            try
            {
                foreach (var (sql, parameters) in WarehouseQuery.Load($"materialized-views-{view}").BindBatches(new Dictionary<string, object> { ["database"] = session.Database }, "schemas", schemas))
                {
                    listed.UnionWith(await session.QueryAsync(sql, parameters, r => (DbValue.Text(r, 0)!, DbValue.Text(r, 1)!), ct));
                }
            }
            catch (PostgresException e)
            {
                errors.Add($"{view}_mv_info: {e.MessageText}");
            }
            catch (WarehouseReadException e)
            {
                // A timeout or lost connection here must not blank out the tables: say so, go on.
                errors.Add($"{view}_mv_info: {e.Message}");
            }
        }

        return (listed, errors.Count == 2
            ? $"materialized views recognised by their storage table only: {string.Join("; ", errors)}"
            : null);
    }
}
