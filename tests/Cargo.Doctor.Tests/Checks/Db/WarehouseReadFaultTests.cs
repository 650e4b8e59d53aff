using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// The warehouse reads meet a dropped connection, a server-side cancel or the command timeout while
/// the table or database privilege statement runs: gaps, never a crash. The statement is held by a lock
/// the test holds, or its backend ends itself, so no test waits on a clock or polls for the statement.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class WarehouseReadFaultTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Theory]
    [InlineData("table", "terminating connection")]
    [InlineData("database", "terminating connection")]
    public async Task a_backend_stopped_during_a_read_leaves_gaps_and_the_run_finishes(string lookup, string reason)
    {
        var scenario = await GatedScenarioAsync(lookup, Gate.Terminate);

        var result = await scenario.CheckAsync("sales");

        Assert.Equal(CheckStatus.Pass, result[UserExistsRule.Id].Status);
        var stopped = lookup == "table" ? result[TableGrantsRule.Id] : result[DatabasePrivilegesRule.Id];
        Assert.Equal(CheckStatus.Unknown, stopped.Status);
        Assert.Contains(stopped.Details, d => d.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Unknown, result[TableGrantsRule.Id].Status);
    }

    [Fact]
    public async Task a_statement_over_the_command_timeout_is_a_gap_that_says_how_long_it_waited()
    {
        var scenario = await GatedScenarioAsync("table", Gate.Block);
        var config = scenario.Config("sales");
        config = config with { Warehouse = config.Warehouse with { CommandTimeoutSeconds = 2 } };
        // The lookup waits on a lock this test holds until the run is over: only the tool's own timeout can end it.
        await using var gate = await ServerState.HoldGateAsync(server, scenario.Database, GateKey);

        var result = await scenario.CheckAsync(config).WaitAsync(HangGuard, TestContext.Current.CancellationToken);

        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains(finding.Details, d => d.Contains("did not finish within 2 s", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Pass, result[UserExistsRule.Id].Status);
    }

    [Fact]
    public async Task a_statement_cancelled_by_the_server_is_a_gap_and_blanks_out_nothing_else()
    {
        var scenario = await GatedScenarioAsync("table", Gate.Block);
        await using var gate = await ServerState.HoldGateAsync(server, scenario.Database, GateKey);
        // A server-side cancel (SQLSTATE 57014), as Redshift raises it when statement_timeout ends a
        // statement (https://docs.aws.amazon.com/redshift/latest/dg/r_statement_timeout.html).
        await scenario.AdminAsync($"ALTER ROLE {SqlQuote.Ident(scenario.User)} SET statement_timeout = '1s'");

        var result = await scenario.CheckAsync("sales").WaitAsync(HangGuard, TestContext.Current.CancellationToken);

        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains(finding.Details, d => d.Contains("canceling statement", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Pass, result[UserExistsRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[SchemaUsageRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[DatabasePrivilegesRule.Id].Status);
    }

    [Fact]
    public async Task a_database_privilege_read_that_times_out_blanks_out_nothing_else()
    {
        var scenario = await GatedScenarioAsync("database", Gate.Block);
        var config = scenario.Config("sales");
        config = config with { Warehouse = config.Warehouse with { CommandTimeoutSeconds = 2 } };
        await using var gate = await ServerState.HoldGateAsync(server, scenario.Database, GateKey);

        var result = await scenario.CheckAsync(config).WaitAsync(HangGuard, TestContext.Current.CancellationToken);

        var finding = result[DatabasePrivilegesRule.Id];
        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains(finding.Details, d => d.Contains("did not finish within 2 s", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Pass, result[SchemaUsageRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[TableGrantsRule.Id].Status);
    }

    [Fact]
    public async Task a_terminated_backend_still_writes_every_report()
    {
        var scenario = await GatedScenarioAsync("database", Gate.Terminate);
        var outDir = Directory.CreateTempSubdirectory("terminated").FullName;

        var run = CliProcess.RunAsync(
            [
                "check", "--endpoint", $"{scenario.Server.Host}:{scenario.Server.Port}/{scenario.Database}",
                "--user", scenario.User, "--schema", $"{scenario.Database}.sales", "--function-role", scenario.FunctionRole,
                "--read-only", "--out", outDir, "--format", "json,md",
            ],
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = WarehouseScenario.Password, ["CI"] = "true" });
        var result = await run;

        Assert.DoesNotContain("internal error", result.Stderr + result.Stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")), result.ToString());
        var json = await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"), TestContext.Current.CancellationToken);
        Assert.Contains("terminating connection", json);
    }

    private enum Gate
    {
        /// <summary>The lookup waits for an advisory lock the test holds (<see cref="ServerState.HoldGateAsync"/>): it ends only when cut.</summary>
        Block,

        /// <summary>The lookup's backend terminates itself, as pg_terminate_backend from an admin would, in the middle of the statement.</summary>
        Terminate,
    }

    /// <summary>Not a time limit of the assertion: only turns a tool that never cuts a blocked statement into a failure instead of a hang.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private const long GateKey = 21_0001;

    /// <summary>
    /// A scenario whose Cargo user's table (<c>table</c>) or database (<c>database</c>) privilege lookup
    /// runs into <paramref name="gate"/>: functions of the same signatures as the emulation's slow catalog,
    /// in a schema ahead of pg_catalog in that user's search_path.
    /// </summary>
    private async Task<WarehouseScenario> GatedScenarioAsync(string lookup, Gate gate)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        var pass = gate == Gate.Block
            ? $"PERFORM pg_catalog.pg_advisory_xact_lock_shared({GateKey});"
            : "PERFORM pg_catalog.pg_terminate_backend(pg_catalog.pg_backend_pid());";
        string[] functions = lookup == "table"
            ? [
                $"CREATE FUNCTION doctor_gate.has_table_privilege(user_name text, table_oid oid, privilege text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN {pass} RETURN pg_catalog.has_table_privilege(user_name::name, table_oid, privilege); END $$",
                $"CREATE FUNCTION doctor_gate.has_table_privilege(user_name text, table_name text, privilege text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN {pass} RETURN pg_catalog.has_table_privilege(user_name::name, table_name, privilege); END $$",
            ]
            : [$"CREATE FUNCTION doctor_gate.has_database_privilege(user_name text, database_name text, privilege text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN {pass} RETURN pg_catalog.has_database_privilege(user_name::name, database_name, privilege); END $$"];
        await scenario.AdminAsync("CREATE SCHEMA doctor_gate");
        await scenario.AdminAsync("GRANT USAGE ON SCHEMA doctor_gate TO PUBLIC");
        foreach (var sql in functions)
        {
            await scenario.AdminAsync(sql);
        }

        await scenario.EmulateAsync("doctor_gate");
        return scenario;
    }
}
