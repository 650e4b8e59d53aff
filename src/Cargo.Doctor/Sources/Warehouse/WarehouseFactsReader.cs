using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// Reads everything the db.* checks need: one connection per configured database, several databases
/// at once (<see cref="MaxConcurrentDatabases"/>), and a fixed number of set-based statements per
/// database whatever the number of schemas and tables (lists longer than
/// <see cref="WarehouseQuery.MaxListValues"/> run in batches). A statement that fails, times out or
/// loses its connection becomes a gap on the facts it would have read, never an exception.
/// </summary>
public sealed class WarehouseFactsReader(WarehouseConfig config, string? password)
{
    /// <summary>
    /// Databases read at the same time, each on its own connection: the usual few databases in one
    /// wave (a database that waits for a slot adds its whole connect-and-read time to the run: with 4
    /// slots, 5 databases behind an 80 ms round trip took 1.6 times as long as one, scripts/bench.sh),
    /// and still a small share of the connections Redshift allows per cluster
    /// (https://docs.aws.amazon.com/redshift/latest/mgmt/amazon-redshift-limits.html) and of a user's
    /// CONNECTION LIMIT (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html), which
    /// Cargo's own sessions and the probes' connection count against too.
    /// </summary>
    public const int MaxConcurrentDatabases = 8;

    /// <summary>"oid" until a server rejects has_table_privilege by oid; then "name" for the rest of the run.</summary>
    private string _tableLookup = "oid";
    private string? _tableLookupNote;
    private readonly Lock _tableLookupLock = new();

    public StatementLog Log { get; } = new();

    /// <summary>The role chain db.assume-role-privilege asks about; null when an ARN is not known.</summary>
    public RoleChain? AssumeRoleChain { get; init; }

    /// <summary>
    /// Overrides <see cref="AssumeRoleChain"/> when the chain is known only once another source
    /// answered (the role the AWS reads discover): awaited just before the one statement that needs it.
    /// </summary>
    public Func<CancellationToken, Task<RoleChain?>>? AssumeRoleChainSource { get; init; }

    /// <summary>The end of the history window (the run's start, so its own statements are left out); default: when the read starts.</summary>
    public DateTimeOffset? HistoryUntil { get; init; }

    public async Task<WarehouseFacts> ReadAsync(CancellationToken ct)
    {
        var connector = new WarehouseConnector(config, password, Log);
        var names = config.AllDatabases;
        var cluster = new ClusterRead(new ClusterTurns(names.Count));
        var reads = new List<Task<DatabaseFacts>>(names.Count);
        // Not disposed: reads cancelled midway still release their slot, and nothing waits on its handle.
        var slots = new SemaphoreSlim(MaxConcurrentDatabases);
        for (var i = 0; i < names.Count; i++)
        {
            // Slots are taken in configuration order: a database holding one never waits on the turn
            // of a database that is still waiting for a slot.
            await slots.WaitAsync(ct);
            reads.Add(ReadOneDatabaseAsync(connector, names[i], i, cluster, slots, ct));
        }

        // In configuration order whatever order the reads finished in.
        var databases = (await Task.WhenAll(reads)).Select(d => WithPrivileges(d, cluster)).ToList();
        databases = databases.Select(d => d with
        {
            ExplicitGrants = (d.ExplicitGrants ?? new ExplicitGrantFacts()) with
            {
                Database = cluster.DatabaseGrants.Grants?.Where(g => g.Object == d.CatalogName).ToList(),
                DatabaseGap = cluster.DatabaseGrants.Gap ?? (cluster.DatabaseGrants.Grants is null ? new Gap("svv_database_privileges was not read") : null),
            },
        }).ToList();

        return new WarehouseFacts
        {
            CargoUser = config.User,
            LoginUser = cluster.Session?.Login ?? connector.LoginUser,
            LoginIsSuperuser = cluster.Session?.LoginIsSuperuser ?? false,
            Databases = databases,
            User = cluster.Session?.User,
            IdentifierCase = cluster.Session?.IdentifierCase,
            Rbac = cluster.Rbac,
            AssumeRole = cluster.AssumeRole,
            History = cluster.History,
            StatementCount = Log.Count,
        };
    }

    /// <summary>CREATE and TEMP of the stored spelling this configured database resolves to (<see cref="DatabaseSpellings"/>).</summary>
    private static DatabaseFacts WithPrivileges(DatabaseFacts database, ClusterRead cluster)
    {
        var spelling = DatabaseSpellings.Resolve(database.Name, database.Connection.Succeeded, cluster.DatabasePrivileges.Keys);
        database = database with
        {
            StoredName = spelling.StoredName is { } stored && stored != database.Name ? stored : null,
            OtherSpellings = spelling.OtherSpellings,
        };
        if (spelling.Ambiguity is { } ambiguity)
        {
            return database with { DatabasePrivilegesGap = ambiguity };
        }

        return spelling.StoredName is { } name && cluster.DatabasePrivileges.TryGetValue(name, out var p)
            ? database with { CanCreate = p.Create, CanTemp = p.Temp }
            : database with { DatabasePrivilegesGap = cluster.DatabasePrivilegesGap };
    }

    /// <summary>One database on its own connection; the first that answers also reads the cluster-wide facts.</summary>
    private async Task<DatabaseFacts> ReadOneDatabaseAsync(
        WarehouseConnector connector, string database, int index, ClusterRead cluster, SemaphoreSlim slots, CancellationToken ct)
    {
        ClusterSession? known = null;
        try
        {
            var (session, connection) = await connector.OpenAsync(database, ct);
            await using (session)
            {
                known = await cluster.Turns.WaitAsync(index, ct);
                if (known is not null)
                {
                    // Known from an earlier database: the next one need not wait for this one's read.
                    cluster.Turns.Pass(index, known);
                }

                if (session is null)
                {
                    return new DatabaseFacts { Name = database, Connection = connection };
                }

                if (known is null)
                {
                    try
                    {
                        var who = await ReadSessionAsync(session, ct);
                        connection = connection with { IsRedshift = who.Version.Contains("Redshift", StringComparison.OrdinalIgnoreCase), ServerVersion = who.Version };
                        known = new ClusterSession(who.Login, who.IsSuperuser, await ReadUserAsync(session, config.User, ct));
                        known = known with { IdentifierCase = await IdentifierCaseReader.ReadAsync(session, config.User, who.Login, ct) };
                    }
                    catch (Exception e) when (e is PostgresException or WarehouseReadException)
                    {
                        var gap = e is WarehouseReadException r ? r.Gap : new Gap($"could not read the user catalog: {((PostgresException)e).MessageText}");
                        return new DatabaseFacts { Name = database, Connection = connection, PrivilegesGap = gap, TablesGap = gap, FutureGrantsGap = gap };
                    }

                    // The other databases need only the user's existence: let them go on while this one reads the rest.
                    cluster.Session = known;
                    cluster.Turns.Pass(index, known);
                    if (known.User.Exists)
                    {
                        try
                        {
                            (cluster.DatabasePrivileges, cluster.DatabasePrivilegesGap) = await ReadDatabasePrivilegesAsync(session, ct);
                            cluster.Rbac = await ReadRbacAsync(session, config.User, ct);
                        }
                        finally
                        {
                            // The other databases wait for the role graph: "granted via" filters grantees by it.
                            cluster.RbacRead.TrySetResult(cluster.Rbac);
                        }

                        // Every stored spelling of the configured names: the grants are looked up by the name the catalog holds.
                        var spellings = config.AllDatabases.Union(cluster.DatabasePrivileges.Keys, StringComparer.Ordinal).ToList();
                        cluster.DatabaseGrants = await ExplicitGrantsReader.ReadDatabasesAsync(session, config.User, cluster.Rbac, spellings, ct);
                        cluster.AssumeRole = await ReadAssumeRoleAsync(session, config.User, known.Login, known.LoginIsSuperuser, ct);
                        if (config.HistoryDays > 0)
                        {
                            cluster.History = await HistoryReader.ReadAsync(
                                session, config.User, known.Login, known.LoginIsSuperuser, config.HistoryDays, HistoryUntil ?? DateTimeOffset.UtcNow, ct);
                        }
                    }
                }

                if (!known.User.Exists)
                {
                    return new DatabaseFacts { Name = database, Connection = connection };
                }

                var rbac = await cluster.RbacRead.Task.WaitAsync(ct);
                return await ReadDatabaseAsync(session, database, connection, rbac, known.IdentifierCase, ct);
            }
        }
        finally
        {
            cluster.Turns.Pass(index, known);
            slots.Release();
        }
    }

    /// <summary>What the first answering database read for the whole cluster; written by that database's read only.</summary>
    private sealed class ClusterRead(ClusterTurns turns)
    {
        public ClusterTurns Turns { get; } = turns;

        public ClusterSession? Session { get; set; }

        public Dictionary<string, (bool Create, bool Temp)> DatabasePrivileges { get; set; } = [];

        public Gap? DatabasePrivilegesGap { get; set; }

        public RbacFacts? Rbac { get; set; }

        /// <summary>Set once the reading database has the role graph (or gave up on it); the other databases wait for it.</summary>
        public TaskCompletionSource<RbacFacts?> RbacRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public (IReadOnlyList<ExplicitGrant>? Grants, Gap? Gap) DatabaseGrants { get; set; }

        public AssumeRoleFacts? AssumeRole { get; set; }

        public HistoryFacts? History { get; set; }
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
        if ((AssumeRoleChainSource is { } source ? await source(ct) : AssumeRoleChain) is not { } chain)
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
            new Dictionary<string, IReadOnlyList<string>> { ["databases_lower"] = config.AllDatabases.Select(d => d.ToLowerInvariant()).Distinct().ToList() });
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

    private async Task<DatabaseFacts> ReadDatabaseAsync(
        WarehouseSession session, string database, ConnectionFacts connection, RbacFacts? rbac, IdentifierCaseFacts? identifierCase, CancellationToken ct)
    {
        // The schema names the server will look up: folded to lower case where it folds them.
        var targets = config.Schemas.Where(s => s.Database == database)
            .Select(s => identifierCase is null ? s : s with { Schema = identifierCase.Fold(s.Schema) })
            .ToList();
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
        Task<List<TablePrivilegeFacts>>? sorting = null;
        try
        {
            (sorting, var notes, var lookup) = await ReadTablesAsync(session, examined, ct);
            facts = facts with { TablePrivilegeLookup = lookup, TableReadNotes = notes };
        }
        catch (Exception e) when (e is PostgresException or WarehouseReadException)
        {
            facts = facts with
            {
                TablesGap = e is WarehouseReadException r ? r.Gap : new Gap($"could not read table privileges in \"{database}\": {((PostgresException)e).MessageText}"),
            };
        }

        facts = facts with { ExplicitGrants = await ReadExplicitGrantsAsync(session, found.Where(f => names.Contains(f.Name)).Select(f => f.Name).ToList(), examined, rbac, ct) };
        if (sorting is not null)
        {
            facts = facts with { Tables = await sorting };
        }

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

    /// <summary>
    /// Table privileges by oid (by name once a server rejected the oid form), materialized views told
    /// apart. The tables come back still being classified and sorted on another thread: with 200,000
    /// tables that takes a few hundred milliseconds the server spends on the next statements anyway.
    /// </summary>
    private async Task<(Task<List<TablePrivilegeFacts>> Tables, List<string> Notes, string Lookup)> ReadTablesAsync(WarehouseSession session, List<string> schemas, CancellationToken ct)
    {
        // Databases are read at once: each uses the form known when it starts and reports the form it used.
        string lookup;
        string? lookupNote;
        lock (_tableLookupLock)
        {
            (lookup, lookupNote) = (_tableLookup, _tableLookupNote);
        }

        var notes = new List<string>();
        if (schemas.Count == 0)
        {
            return (Task.FromResult(new List<TablePrivilegeFacts>()), notes, lookup);
        }

        List<TablePrivilegeFacts> tables;
        try
        {
            tables = await QueryTablesAsync(session, lookup == "oid" ? "table-privileges" : "table-privileges-by-name", schemas, ct);
        }
        catch (PostgresException e) when (lookup == "oid" && session.Lost is null && RejectsOidForm(e))
        {
            lock (_tableLookupLock)
            {
                _tableLookup = lookup = "name";
                lookupNote = _tableLookupNote ??= $"has_table_privilege(user, oid, privilege) was rejected ({e.MessageText}): tables were looked up by name for this run, " +
                    "and a name with upper-case letters cannot be found that way when enable_case_sensitive_identifier is off";
            }

            tables = await QueryTablesAsync(session, "table-privileges-by-name", schemas, ct);
        }

        if (lookup == "name" && lookupNote is not null)
        {
            notes.Add(lookupNote);
        }

        var (listed, mvNote) = await ReadMaterializedViewsAsync(session, schemas, ct);
        if (mvNote is not null)
        {
            notes.Add(mvNote);
        }

        return (Task.Run(() => ClassifyAndSort(tables, listed), CancellationToken.None), notes, lookup);
    }

    private static List<TablePrivilegeFacts> ClassifyAndSort(List<TablePrivilegeFacts> read, HashSet<(string, string)> listed)
    {
        var tables = MaterializedViewClassifier.Classify(read, listed);

        // Sorted here rather than by the server: an ORDER BY over 100k rows spills to disk there.
        tables.Sort((a, b) => (string.CompareOrdinal(a.Schema, b.Schema), string.CompareOrdinal(a.Name, b.Name)) switch
        {
            (0, var byName) => byName,
            (var bySchema, _) => bySchema,
        });
        return tables;
    }

    private async Task<List<TablePrivilegeFacts>> QueryTablesAsync(WarehouseSession session, string query, List<string> schemas, CancellationToken ct)
    {
        var tables = new List<TablePrivilegeFacts>();
        var pool = new StringPool();
        foreach (var (sql, parameters) in WarehouseQuery.Load(query).BindBatches(new Dictionary<string, object> { ["user"] = config.User }, "schemas", schemas))
        {
            tables.AddRange(await session.QueryAsync(sql, parameters, r => ReadTable(r, pool), ct));
        }

        return tables;
    }

    private static TablePrivilegeFacts ReadTable(System.Data.Common.DbDataReader r, StringPool pool)
    {
        var table = new TablePrivilegeFacts(
            pool.Intern(DbValue.Text(r, 0))!, DbValue.Text(r, 1)!, pool.Intern(DbValue.Text(r, 2))!, pool.Intern(DbValue.Text(r, 3)),
            DbValue.Flag(r, 4), DbValue.Flag(r, 5), DbValue.Flag(r, 6), DbValue.Flag(r, 7));
        if (DbValue.Flag(r, 8))
        {
            return table with { Unreadable = new Gap("not looked up: Redshift folds this name to lower case when looking it up by name (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html)") };
        }

        return r.IsDBNull(4) || r.IsDBNull(5) || r.IsDBNull(6) || r.IsDBNull(7)
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
