using System.Diagnostics;
using System.Globalization;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Checks.Probes;
using Cargo.Doctor.Tests.Fixtures;
using Npgsql;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// A real cargo-doctor child process killed with SIGKILL in the middle of its probes (held there by
/// a CREATE TABLE waiting on a lock the test holds) leaves its marked scratch schema; the next run drops it at once, not 15
/// minutes later, because the session that created it is gone. Killed inside CREATE SCHEMA, before
/// the marker COMMENT (issue 22.8), it leaves an unmarked schema, which the next run drops too.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class KilledRunTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    /// <summary>The advisory lock the event trigger waits on while the test holds it (see <see cref="KillWhileHeldAsync"/>).</summary>
    private const long GateKey = 210003;

    [Fact]
    public async Task schema_of_a_sigkilled_run_is_swept_by_the_next_run_at_once()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var before = await CatalogSnapshot.TakeAsync(scenario);
        // Holds the probe right after its marker is written: CREATE TABLE in a scratch schema waits at the gate.
        await scenario.AdminAsync($"""
            CREATE FUNCTION public.slow_scratch_table() RETURNS event_trigger LANGUAGE plpgsql AS $f$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() c
                           WHERE c.command_tag = 'CREATE TABLE' AND c.schema_name LIKE 'cargo\_doctor\_%') THEN
                    PERFORM pg_advisory_xact_lock_shared({GateKey});
                END IF;
            END
            $f$
            """);
        await scenario.AdminAsync("CREATE EVENT TRIGGER slow_scratch_table ON ddl_command_end EXECUTE FUNCTION public.slow_scratch_table()");

        await KillWhileHeldAsync(scenario); // SIGKILL: no finally, no cleanup
        await scenario.AdminAsync("DROP EVENT TRIGGER slow_scratch_table; DROP FUNCTION public.slow_scratch_table()");
        var left = await ScalarAsync(scenario, "SELECT string_agg(nspname, ',') FROM pg_namespace WHERE nspname LIKE 'cargo\\_doctor\\_%'");
        Assert.NotNull(left);
        Assert.StartsWith(ScratchSchema.NamePrefix, left);

        var result = await scenario.CheckAsync();

        Assert.Equal([left], result.Facts.Probes!.LeftoversDropped);
        Assert.Equal(CheckStatus.Pass, result[SchemaCreateProbeRule.Id].Status);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }

    [Fact]
    public async Task unmarked_schema_of_a_run_sigkilled_between_create_schema_and_its_marker_is_swept_by_the_next_run()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var before = await CatalogSnapshot.TakeAsync(scenario);
        // Holds the run inside CREATE SCHEMA (after it is done, before it commits): killed there, the
        // schema commits (the statement was already sent in full) and the marker COMMENT never comes.
        await scenario.AdminAsync($"""
            CREATE FUNCTION public.slow_scratch_schema() RETURNS event_trigger LANGUAGE plpgsql AS $f$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() c
                           WHERE c.command_tag = 'CREATE SCHEMA' AND c.object_identity LIKE 'cargo\_doctor\_%') THEN
                    PERFORM pg_advisory_xact_lock_shared({GateKey});
                END IF;
            END
            $f$
            """);
        await scenario.AdminAsync("CREATE EVENT TRIGGER slow_scratch_schema ON ddl_command_end EXECUTE FUNCTION public.slow_scratch_schema()");

        await KillWhileHeldAsync(scenario); // SIGKILL between CREATE SCHEMA and COMMENT
        await scenario.AdminAsync("DROP EVENT TRIGGER slow_scratch_schema; DROP FUNCTION public.slow_scratch_schema()");
        var left = await ScalarAsync(scenario, "SELECT string_agg(nspname, ',') FROM pg_namespace WHERE nspname LIKE 'cargo\\_doctor\\_%' AND obj_description(oid, 'pg_namespace') IS NULL");
        Assert.NotNull(left);
        Assert.StartsWith(ScratchSchema.NamePrefix, left);

        var result = await scenario.CheckAsync();

        Assert.Equal([left], result.Facts.Probes!.LeftoversDropped);
        Assert.Equal(CheckStatus.Pass, result[SchemaCreateProbeRule.Id].Status);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }

    private static Process StartCheck(WarehouseScenario scenario)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "cargo-doctor.dll"), "check",
            "--endpoint", $"{scenario.Server.Host}:{scenario.Server.Port}/{scenario.Database}", "--user", scenario.User,
            "--schema", $"{scenario.Database}.sales", "--function-role", scenario.FunctionRole,
            "--out", Directory.CreateTempSubdirectory("cargo-doctor-killed-").FullName, "--format", "json",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("PGPASSWORD");
        start.Environment["CARGO_DOCTOR_PASSWORD"] = WarehouseScenario.Password;
        start.Environment["CI"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>
    /// Starts a run, waits until the server shows its session held at the gate (the event trigger waits on
    /// the lock this test holds), kills the process, waits for its exit, then opens the gate: the held
    /// statement finishes and commits (it was sent in full), and the server ends the orphaned session.
    /// </summary>
    private async Task KillWhileHeldAsync(WarehouseScenario scenario)
    {
        var gate = await ServerState.HoldGateAsync(server, scenario.Database, GateKey);
        await using (gate)
        {
            using var child = StartCheck(scenario);
            var held = ServerState.WaitUntilAsync(server, scenario.Database,
                $"EXISTS (SELECT 1 FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid WHERE a.usename = {SqlQuote.Literal(scenario.User)} AND l.locktype = 'advisory' AND l.objid = {GateKey} AND NOT l.granted)");
            var exited = child.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(await Task.WhenAny(held, exited) == held, "cargo-doctor finished before it could be killed");
            await held;
            child.Kill();
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await ServerState.WaitUntilAsync(server, scenario.Database, $"NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE usename = {SqlQuote.Literal(scenario.User)})");
    }

    private static async Task<string?> ScalarAsync(WarehouseScenario scenario, string sql)
    {
        await using var connection = await scenario.Server.OpenAdminAsync(scenario.Database);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
    }
}
