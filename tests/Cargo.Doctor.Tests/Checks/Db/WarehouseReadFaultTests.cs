using System.Diagnostics;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using Npgsql;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// The warehouse reads meet a dropped connection, a server-side cancel or the command timeout while
/// the table privilege statement runs (slowed down by the emulation): gaps, never a crash.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class WarehouseReadFaultTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Theory]
    [InlineData("table", "pg_terminate_backend", "terminating connection")]
    [InlineData("database", "pg_terminate_backend", "terminating connection")]
    public async Task a_backend_stopped_during_a_read_leaves_gaps_and_the_run_finishes(string lookup, string stop, string reason)
    {
        var scenario = await SlowScenarioAsync(lookup);

        var run = scenario.CheckAsync("sales");
        await StopWhenRunningAsync(scenario, lookup, stop);
        var result = await run;

        Assert.Equal(CheckStatus.Pass, result[UserExistsRule.Id].Status);
        var stopped = lookup == "table" ? result[TableGrantsRule.Id] : result[DatabasePrivilegesRule.Id];
        Assert.Equal(CheckStatus.Unknown, stopped.Status);
        Assert.Contains(stopped.Details, d => d.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Unknown, result[TableGrantsRule.Id].Status);
    }

    [Fact]
    public async Task a_statement_over_the_command_timeout_is_a_gap_that_says_how_long_it_waited()
    {
        var scenario = await SlowScenarioAsync("table");
        var config = scenario.Config("sales");
        config = config with { Warehouse = config.Warehouse with { CommandTimeoutSeconds = 2 } };

        var clock = Stopwatch.StartNew();
        var result = await scenario.CheckAsync(config);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed}");
        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains(finding.Details, d => d.Contains("did not finish within 2 s", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Pass, result[UserExistsRule.Id].Status);
    }

    [Fact]
    public async Task a_statement_cancelled_by_the_server_is_a_gap_and_blanks_out_nothing_else()
    {
        var scenario = await SlowScenarioAsync("table");
        // A server-side cancel (SQLSTATE 57014), as Redshift raises it when statement_timeout ends a
        // statement (https://docs.aws.amazon.com/redshift/latest/dg/r_statement_timeout.html).
        await scenario.AdminAsync($"ALTER ROLE {SqlQuote.Ident(scenario.User)} SET statement_timeout = '1s'");

        var result = await scenario.CheckAsync("sales");

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
        var scenario = await SlowScenarioAsync("database");
        var config = scenario.Config("sales");
        config = config with { Warehouse = config.Warehouse with { CommandTimeoutSeconds = 2 } };

        var result = await scenario.CheckAsync(config);

        var finding = result[DatabasePrivilegesRule.Id];
        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains(finding.Details, d => d.Contains("did not finish within 2 s", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Pass, result[SchemaUsageRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[TableGrantsRule.Id].Status);
    }

    [Fact]
    public async Task a_terminated_backend_still_writes_every_report()
    {
        var scenario = await SlowScenarioAsync("database");
        var outDir = Directory.CreateTempSubdirectory("terminated").FullName;

        var run = CliProcess.RunAsync(
            [
                "check", "--endpoint", $"{scenario.Server.Host}:{scenario.Server.Port}/{scenario.Database}",
                "--user", scenario.User, "--schema", $"{scenario.Database}.sales", "--function-role", scenario.FunctionRole,
                "--read-only", "--out", outDir, "--format", "json,md",
            ],
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = WarehouseScenario.Password, ["CI"] = "true" });
        await StopWhenRunningAsync(scenario, "database", "pg_terminate_backend");
        var result = await run;

        Assert.DoesNotContain("internal error", result.Stderr + result.Stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")), result.ToString());
        var json = await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"), TestContext.Current.CancellationToken);
        Assert.Contains("terminating connection", json);
    }

    private async Task<WarehouseScenario> SlowScenarioAsync(string lookup)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        await scenario.EmulateAsync(RedshiftEmulation.SlowCatalog);
        await scenario.SlowAsync(lookup, 30);
        return scenario;
    }

    /// <summary>Waits until the Cargo user's table or database privilege statement runs, then stops its backend.</summary>
    private async Task StopWhenRunningAsync(WarehouseScenario scenario, string lookup, string stop)
    {
        await using var admin = await server.OpenAdminAsync("postgres");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT {stop}(pid) FROM pg_stat_activity WHERE usename = @user AND state = 'active' AND query LIKE '%has_{lookup}_privilege%'", admin);
            command.Parameters.AddWithValue("user", scenario.User);
            if (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is true)
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the {lookup} privilege statement never started");
    }
}
