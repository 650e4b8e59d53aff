using System.Net;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Sources.Warehouse;

/// <summary>
/// Issue 11.2: each configured database is read on its own connection at the same time, and the
/// facts do not depend on which database finished first. Each database gets a hook in front of
/// svv_mv_info (a schema ahead of pg_catalog in the Cargo user's search_path, as the emulation does
/// for its overrides), run by the tool's own materialized-view statement.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class ParallelDatabaseReadTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    /// <summary>The barrier's own give-up time: a sequential reader fails the test after it, never hangs it.</summary>
    private const int BarrierSeconds = 60;

    [Fact]
    public async Task three_databases_are_open_and_read_at_the_same_time()
    {
        var (scenario, databases) = await CreateDatabasesAsync(3);
        var leader = databases[0];
        string[] followers = [.. databases.Skip(1)];
        foreach (var database in databases)
        {
            await InstallHookAsync(scenario, database, BarrierHook(leader, followers));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(6 * BarrierSeconds));
        var facts = await new FactsCollector(Config(scenario, databases), WarehouseScenario.Password).CollectAsync(DateTimeOffset.UtcNow, timeout.Token);

        // The leader waits inside its read until every other database is inside its own read: only
        // connections that are open and reading at once get every database past the barrier.
        var outcomes = new List<string>();
        foreach (var database in databases)
        {
            outcomes.Add($"{database}: {string.Join(", ", await OutcomesAsync(database))}");
        }

        Assert.True(outcomes.SequenceEqual(databases.Select(d => $"{d}: met")), string.Join("; ", outcomes));

        Assert.All(facts.Warehouse!.Databases, d => Assert.Null(d.TablesGap));
    }

    [Fact]
    public async Task the_facts_are_the_same_whichever_database_finishes_last()
    {
        var (scenario, databases) = await CreateDatabasesAsync(3);
        foreach (var database in databases)
        {
            await InstallHookAsync(scenario, database, "NULL;");
        }

        var startedAt = DateTimeOffset.UtcNow;
        var (firstLast, slowFirst) = await CollectWithSlowAsync(scenario, databases, startedAt, slow: databases[0]);
        var (lastLast, slowLast) = await CollectWithSlowAsync(scenario, databases, startedAt, slow: databases[2]);

        // The reads really finished in a different order ...
        foreach (var database in databases)
        {
            Assert.All(await OutcomesAsync(database), o => Assert.Equal("met", o));
        }

        Assert.Equal(databases[0], firstLast);
        Assert.Equal(databases[2], lastLast);
        // ... and the facts file is the same, byte for byte, databases in configuration order.
        Assert.Equal(FactsJson.Serialize(WithoutRunId(slowFirst)), FactsJson.Serialize(WithoutRunId(slowLast)));
        Assert.Equal(databases, slowFirst.Warehouse!.Databases.Select(d => d.Name));
        Assert.All(slowFirst.Warehouse.Databases, d => Assert.Equal(3, d.Tables.Count));
    }

    [Fact]
    public async Task a_connection_lost_in_one_database_is_a_gap_for_that_database_only()
    {
        var (scenario, databases) = await CreateDatabasesAsync(3);
        // The server ends the session in the middle of the second database's read.
        await InstallHookAsync(scenario, databases[1], "PERFORM pg_terminate_backend(pg_backend_pid());");

        var facts = await new FactsCollector(Config(scenario, databases), WarehouseScenario.Password).CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        var read = facts.Warehouse!.Databases;
        Assert.NotNull(read[1].FutureGrantsGap);
        Assert.Contains($"\"{databases[1]}\"", read[1].FutureGrantsGap!.Reason);
        Assert.All(new[] { read[0], read[2] }, d =>
        {
            Assert.Null(d.FutureGrantsGap);
            Assert.Null(d.TablesGap);
            Assert.Null(d.PrivilegesGap);
            Assert.Empty(d.TableReadNotes);
            Assert.Equal(3, d.Tables.Count);
        });
    }

    [Fact]
    public async Task the_aws_reads_run_while_the_warehouse_is_read()
    {
        var (scenario, databases) = await CreateDatabasesAsync(1);
        var database = databases[0];
        // The warehouse read waits inside its svv_mv_info statement at a gate this test holds ...
        const long gateKey = 210005;
        await InstallHookAsync(scenario, database, $"PERFORM pg_advisory_xact_lock_shared({gateKey});");
        await using var gate = await ServerState.HoldGateAsync(server, database, gateKey);
        var overlapped = false;

        // ... which the AWS read (its name lookup of the cluster endpoint) opens once the server shows the
        // warehouse read waiting there. Read one after the other, one of the two would wait for the other for good
        // (the hang guards of the wait and of the collection turn that into a failure).
        async Task<IPAddress[]> ResolveWhileWarehouseIsReadAsync(string host, CancellationToken ct)
        {
            try
            {
                await ServerState.WaitUntilAsync(server, database, ServerState.WaitingForGate(gateKey));
                overlapped = true;
            }
            finally
            {
                await gate.DisposeAsync();
            }

            return [IPAddress.Parse("203.0.113.10")];
        }

        var config = Config(scenario, databases) with
        {
            Aws = new AwsConfig { EvidenceDir = EvidenceFolder(), ClusterIdentifier = "cargo-cluster", RoleArn = "arn:aws:iam::123456789012:role/cargo-redshift-access" },
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(6 * BarrierSeconds));
        var facts = await new FactsCollector(config, WarehouseScenario.Password, resolveHost: ResolveWhileWarehouseIsReadAsync).CollectAsync(DateTimeOffset.UtcNow, timeout.Token);

        Assert.True(overlapped, "the AWS read ran only after the warehouse read had finished");
        Assert.NotNull(facts.Aws);
        Assert.Equal(3, facts.Warehouse!.Databases[0].Tables.Count);
    }

    /// <summary>
    /// More databases than slots: no more than <see cref="Cargo.Doctor.Sources.Warehouse.WarehouseFactsReader.MaxConcurrentDatabases"/>
    /// connections are open at once, and all of them are used. Each read records how many of the tool's
    /// sessions are connected, then waits at a gate this test holds until the server shows every slot's
    /// read waiting there; after the gate opens, the reads record again and the remaining databases go through.
    /// </summary>
    [Fact]
    public async Task no_more_databases_are_read_at_once_than_the_slots_and_every_slot_is_used()
    {
        const int slots = Cargo.Doctor.Sources.Warehouse.WarehouseFactsReader.MaxConcurrentDatabases;
        const long gateKey = 210004;
        var (scenario, databases) = await CreateDatabasesAsync(slots + 2);
        var connected = $"(SELECT count(*) FROM pg_stat_activity WHERE usename = {SqlQuote.Literal(scenario.User)} AND application_name = 'cargo-doctor')";
        var gates = new List<Npgsql.NpgsqlConnection>();
        foreach (var database in databases)
        {
            await InstallHookAsync(scenario, database, $"""
                INSERT INTO doctor_hook.outcome SELECT {connected}::text;
                PERFORM pg_advisory_xact_lock_shared({gateKey});
                INSERT INTO doctor_hook.outcome SELECT {connected}::text;
                """);
            // Advisory locks are per database: one holder in each.
            gates.Add(await ServerState.HoldGateAsync(server, database, gateKey));
        }

        var collecting = new FactsCollector(Config(scenario, databases), WarehouseScenario.Password).CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        try
        {
            await ServerState.WaitUntilAsync(server, "postgres", ServerState.WaitingForGate(gateKey, slots));
        }
        finally
        {
            foreach (var gate in gates)
            {
                await gate.DisposeAsync();
            }
        }

        var facts = await collecting;

        var counts = new List<int>();
        foreach (var database in databases)
        {
            counts.AddRange((await OutcomesAsync(database)).Select(o => int.Parse(o, System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(2 * databases.Count, counts.Count);
        Assert.Equal(slots, counts.Max());
        Assert.All(facts.Warehouse!.Databases, d => Assert.Equal(3, d.Tables.Count));
    }

    /// <summary>The probes' run id is random on purpose (scratch names never collide); nothing else may differ.</summary>
    private static FactsSnapshot WithoutRunId(FactsSnapshot facts) => facts with { Probes = facts.Probes! with { RunId = "run" } };

    private async Task<(string LastToFinish, FactsSnapshot Facts)> CollectWithSlowAsync(
        WarehouseScenario scenario, IReadOnlyList<string> databases, DateTimeOffset startedAt, string slow)
    {
        foreach (var database in databases)
        {
            await server.ExecuteAsync(database, HookFunction(FinishLastHook(slow, [.. databases.Where(d => d != slow)]), replace: true));
        }

        var collector = new FactsCollector(Config(scenario, databases), WarehouseScenario.Password);
        var facts = await collector.CollectAsync(startedAt, TestContext.Current.CancellationToken);
        return (collector.WarehouseLog!.Statements[^1].Database, facts);
    }

    /// <summary>One ready scenario database plus more databases, each with a granted schema of three tables and views.</summary>
    private async Task<(WarehouseScenario Scenario, List<string> Databases)> CreateDatabasesAsync(int count)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        var databases = new List<string> { scenario.Database };
        for (var i = 1; i < count; i++)
        {
            var name = server.UniqueName("parallel");
            await server.ExecuteAsync("postgres", $"CREATE DATABASE {SqlQuote.Ident(name)} TEMPLATE template1");
            var (u, s) = (SqlQuote.Ident(scenario.User), SqlQuote.Ident("sales"));
            foreach (var sql in new[]
            {
                $"CREATE SCHEMA {s}",
                $"CREATE TABLE {s}.orders (id integer)",
                $"CREATE TABLE {s}.customers (id integer)",
                $"CREATE VIEW {s}.recent_orders AS SELECT id FROM {s}.orders",
                $"GRANT USAGE ON SCHEMA {s} TO {u}",
                $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {u}",
                $"GRANT ALL ON DATABASE {SqlQuote.Ident(name)} TO {u}",
            })
            {
                await server.ExecuteAsync(name, sql);
            }

            databases.Add(name);
        }

        return (scenario, databases);
    }

    /// <summary>The hook: <paramref name="body"/> (PL/pgSQL), with <c>deadline</c>, the barrier's give-up time, declared.</summary>
    private static string HookFunction(string body, bool replace) =>
        $"CREATE {(replace ? "OR REPLACE " : "")}FUNCTION doctor_hook.hook() RETURNS void LANGUAGE plpgsql AS $hook$ DECLARE deadline timestamptz := clock_timestamp() + interval '{BarrierSeconds} seconds'; BEGIN {body} END $hook$";

    /// <summary>Runs <paramref name="body"/> (PL/pgSQL) whenever the Cargo user reads svv_mv_info in this database.</summary>
    private async Task InstallHookAsync(WarehouseScenario scenario, string database, string body)
    {
        var u = SqlQuote.Ident(scenario.User);
        foreach (var sql in new[]
        {
            "CREATE SCHEMA doctor_hook",
            "CREATE TABLE doctor_hook.outcome (outcome text)",
            HookFunction(body, replace: false),
            "CREATE FUNCTION doctor_hook.svv_mv_info_after_hook() RETURNS SETOF pg_catalog.svv_mv_info LANGUAGE plpgsql AS $f$ BEGIN PERFORM doctor_hook.hook(); RETURN QUERY SELECT * FROM pg_catalog.svv_mv_info; END $f$",
            "CREATE VIEW doctor_hook.svv_mv_info AS SELECT * FROM doctor_hook.svv_mv_info_after_hook()",
            $"GRANT USAGE ON SCHEMA doctor_hook TO {u}",
            $"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA doctor_hook TO {u}",
            $"ALTER ROLE {u} IN DATABASE {SqlQuote.Ident(database)} SET search_path = doctor_hook, pg_catalog, public",
        })
        {
            await server.ExecuteAsync(database, sql);
        }
    }

    /// <summary>
    /// The leader waits until every follower's session is inside its own svv_mv_info read, then opens
    /// the barrier (its application_name, which every session sees in pg_stat_activity) and waits for
    /// them to leave; a follower waits for the open barrier. Read one database after another, the
    /// leader waits alone and every database records "timed out" instead of "met".
    /// </summary>
    private static string BarrierHook(string leader, string[] followers)
    {
        var followerList = string.Join(", ", followers.Select(SqlQuote.Literal));
        var inside = $"(SELECT count(*) FROM pg_stat_activity WHERE datname IN ({followerList}) AND application_name = 'cargo-doctor' AND state = 'active' AND query LIKE '%FROM svv_mv_info%')";
        return $"""
            IF current_database() = {SqlQuote.Literal(leader)} THEN
              LOOP
                PERFORM pg_stat_clear_snapshot();
                EXIT WHEN {inside} = {followers.Length};
                IF clock_timestamp() > deadline THEN INSERT INTO doctor_hook.outcome VALUES ('timed out: the other databases were not being read'); RETURN; END IF;
                PERFORM pg_sleep(0.02);
              END LOOP;
              PERFORM set_config('application_name', 'cargo-doctor barrier open', false);
              LOOP
                PERFORM pg_stat_clear_snapshot();
                EXIT WHEN {inside} = 0 OR clock_timestamp() > deadline;
                PERFORM pg_sleep(0.02);
              END LOOP;
            ELSE
              LOOP
                PERFORM pg_stat_clear_snapshot();
                EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = {SqlQuote.Literal(leader)} AND application_name = 'cargo-doctor barrier open');
                IF clock_timestamp() > deadline THEN INSERT INTO doctor_hook.outcome VALUES ('timed out: the first database was not being read'); RETURN; END IF;
                PERFORM pg_sleep(0.02);
              END LOOP;
            END IF;
            INSERT INTO doctor_hook.outcome VALUES ('met');
            """;
    }

    /// <summary>
    /// The slow database's read waits until the other databases' reads are inside their own svv_mv_info read
    /// (so they have started), opens the barrier for them, and waits until their sessions are gone (their
    /// reads are over): it finishes last because of the server's state, not because it sleeps longer.
    /// </summary>
    private static string FinishLastHook(string slow, string[] others)
    {
        var otherList = string.Join(", ", others.Select(SqlQuote.Literal));
        var inside = $"(SELECT count(*) FROM pg_stat_activity WHERE datname IN ({otherList}) AND application_name = 'cargo-doctor' AND state = 'active' AND query LIKE '%FROM svv_mv_info%')";
        var connected = $"(SELECT count(*) FROM pg_stat_activity WHERE datname IN ({otherList}) AND application_name = 'cargo-doctor')";
        return $"""
            IF current_database() = {SqlQuote.Literal(slow)} THEN
              LOOP
                PERFORM pg_stat_clear_snapshot();
                EXIT WHEN {inside} = {others.Length};
                IF clock_timestamp() > deadline THEN INSERT INTO doctor_hook.outcome VALUES ('timed out: the other databases were not being read'); RETURN; END IF;
                PERFORM pg_sleep(0.02);
              END LOOP;
              PERFORM set_config('application_name', 'cargo-doctor barrier open', false);
              LOOP
                PERFORM pg_stat_clear_snapshot();
                EXIT WHEN {connected} = 0;
                IF clock_timestamp() > deadline THEN INSERT INTO doctor_hook.outcome VALUES ('timed out: the other databases were still being read'); RETURN; END IF;
                PERFORM pg_sleep(0.02);
              END LOOP;
            ELSE
              LOOP
                PERFORM pg_stat_clear_snapshot();
                EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = {SqlQuote.Literal(slow)} AND application_name = 'cargo-doctor barrier open');
                IF clock_timestamp() > deadline THEN INSERT INTO doctor_hook.outcome VALUES ('timed out: the slow database was not being read'); RETURN; END IF;
                PERFORM pg_sleep(0.02);
              END LOOP;
            END IF;
            INSERT INTO doctor_hook.outcome VALUES ('met');
            """;
    }

    private static string EvidenceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cargo.Doctor.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "aws-evidence");
            }
        }

        throw new DirectoryNotFoundException("samples/aws-evidence not found above the test binary");
    }

    private async Task<List<string>> OutcomesAsync(string database)
    {
        await using var connection = await server.OpenAdminAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT outcome FROM doctor_hook.outcome";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var outcomes = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            outcomes.Add(reader.GetString(0));
        }

        return outcomes;
    }

    /// <summary>The same schema in every database; read-only, so no probe runs and the facts are the catalog's alone.</summary>
    private static DoctorConfig Config(WarehouseScenario scenario, IReadOnlyList<string> databases) => new()
    {
        ReadOnly = true,
        Warehouse = new WarehouseConfig
        {
            Host = scenario.Server.Host,
            Port = scenario.Server.Port,
            Databases = [.. databases],
            Schemas = [.. databases.Select(d => new SchemaTarget(d, "sales", false))],
            User = scenario.User,
            FunctionRole = scenario.FunctionRole,
        },
    };
}
