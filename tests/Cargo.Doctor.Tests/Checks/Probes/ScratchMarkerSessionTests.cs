using Cargo.Doctor.Quoting;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Sources.Warehouse;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Probes;

/// <summary>
/// The scratch schema's marker names the session that created it, so that another run's sweep drops
/// it only once that session is gone. When the sweep's own session ends (here: the server ends it
/// while a dead run's leftover is dropped) the schema is created on a new session, and the marker
/// must name that one, not the ended one.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class ScratchMarkerSessionTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task after_a_reconnect_the_marker_names_the_live_session_that_created_the_schema()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        const string dead = "cargo_doctor_20200101t000000_deadbeef";
        await scenario.AdminAsync($"CREATE SCHEMA \"{dead}\" AUTHORIZATION {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync($"COMMENT ON SCHEMA \"{dead}\" IS {SqlQuote.Literal(new ScratchMarker(DateTimeOffset.UtcNow.AddHours(-3), "0.0.9", null).Text)}");
        var config = scenario.Config("sales");
        var plan = ProbePlan.Create(config, DateTimeOffset.UtcNow);
        var open = ProbeRunner.WarehouseOpener(plan, config.Warehouse, WarehouseScenario.Password, new StatementLog());
        var killed = false;
        bool? markerSessionAlive = null;
        var runner = new ProbeRunner(plan, async ct =>
        {
            var (executor, failure) = await open(ct);
            return (executor is null ? null : new BeforeStatementExecutor(executor, async sql =>
            {
                if (!killed && sql.StartsWith($"DROP SCHEMA \"{dead}\"", StringComparison.Ordinal))
                {
                    // The server ends the Cargo user's session, as Redshift does after an internal error.
                    killed = true;
                    await scenario.AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = {SqlQuote.Literal(scenario.User)}");
                }
                else if (sql.StartsWith("COMMENT ON SCHEMA", StringComparison.Ordinal))
                {
                    var marker = ScratchMarker.Parse(sql[(sql.IndexOf(" IS '", StringComparison.Ordinal) + 5)..^1].Replace("''", "'", StringComparison.Ordinal));
                    Assert.True(marker?.Session is not null, sql);
                    markerSessionAlive = await SessionAliveAsync(scenario, marker.Session.Pid);
                }
            }), failure);
        });

        var facts = await runner.RunAsync(TestContext.Current.CancellationToken);

        Assert.True(killed);
        Assert.NotEmpty(facts.Reconnects);
        Assert.True(facts[SchemaCreateProbeRule.Id]!.Succeeded);
        Assert.True(markerSessionAlive, "the marker named a session that had already ended");
    }

    private static async Task<bool> SessionAliveAsync(WarehouseScenario scenario, int pid)
    {
        await using var admin = await scenario.Server.OpenAdminAsync(scenario.Database);
        await using var command = admin.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>The real executor, with a hook before each statement.</summary>
    private sealed class BeforeStatementExecutor(IProbeExecutor inner, Func<string, Task> before) : IProbeExecutor
    {
        public string Database => inner.Database;

        public async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await before(sql);
            await inner.ExecuteAsync(sql, ct);
        }

        public async Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct)
        {
            await before(sql);
            return await inner.QueryAsync(sql, parameters, ct);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
