using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Sources.Warehouse;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Probes;

/// <summary>
/// The probes leave the warehouse as they found it: after a run, after a run cancelled with the
/// scratch schema in place, and after a run that died (its marked schema is dropped by the next).
/// Schemas without the exact marker, or owned by someone else, are never touched.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class NothingLeftBehindTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task a_run_leaves_the_catalog_unchanged()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync();

        Assert.Equal(CheckStatus.Pass, result[FunctionCreateProbeRule.Id].Status);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }

    [Fact]
    public async Task run_cancelled_after_the_scratch_schema_exists_drops_it_and_the_next_run_leaves_nothing()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var before = await CatalogSnapshot.TakeAsync(scenario);
        var config = scenario.Config("sales");
        var plan = ProbePlan.Create(config, DateTimeOffset.UtcNow);
        using var cts = new CancellationTokenSource();
        var open = ProbeRunner.WarehouseOpener(plan, config.Warehouse, WarehouseScenario.Password, new StatementLog());
        var sawSchema = false;
        var runner = new ProbeRunner(plan, async ct =>
        {
            var (executor, failure) = await open(ct);
            // Ctrl-C right after CREATE SCHEMA: the scratch schema exists and the run stops.
            return (new InterceptingExecutor(executor!, sql =>
            {
                if (sql.StartsWith("CREATE SCHEMA", StringComparison.Ordinal))
                {
                    sawSchema = true;
                    cts.Cancel();
                }
            }), failure);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(cts.Token));

        Assert.True(sawSchema);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        var second = await scenario.CheckAsync();
        Assert.Equal(CheckStatus.Pass, second[SchemaCreateProbeRule.Id].Status);
        Assert.Empty(second.Facts.Probes!.LeftoversDropped);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }

    [Fact]
    public async Task marked_schema_of_a_dead_run_is_dropped_and_reported_and_nothing_else_is_touched()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var user = scenario.Quoted(scenario.User);
        var oldMarker = SqlQuote.Literal(new ScratchMarker(DateTimeOffset.UtcNow.AddHours(-3), "0.0.9", null).Text);
        // Look-alikes that must survive: no marker, a customer's comment, a marker owned by someone else.
        await scenario.AdminAsync($"CREATE SCHEMA \"cargo_doctor_x\" AUTHORIZATION {user}");
        await scenario.AdminAsync($"CREATE SCHEMA \"cargo_doctor_notes\" AUTHORIZATION {user}");
        await scenario.AdminAsync("COMMENT ON SCHEMA \"cargo_doctor_notes\" IS 'cargo-doctor scratch schema (our own notes, keep)'");
        await scenario.AdminAsync("CREATE SCHEMA \"cargo_doctor_admins\"");
        await scenario.AdminAsync($"COMMENT ON SCHEMA \"cargo_doctor_admins\" IS {oldMarker}");
        await scenario.AdminAsync($"CREATE SCHEMA \"Cargo_Doctor_Upper\" AUTHORIZATION {user}");
        await scenario.AdminAsync($"COMMENT ON SCHEMA \"Cargo_Doctor_Upper\" IS {oldMarker}");
        var expected = await CatalogSnapshot.TakeAsync(scenario);
        // What a run killed with SIGKILL leaves: its marked schema with a table and a function.
        const string dead = "cargo_doctor_20200101t000000_deadbeef";
        await scenario.AdminAsync($"CREATE SCHEMA \"{dead}\" AUTHORIZATION {user}");
        await scenario.AdminAsync($"COMMENT ON SCHEMA \"{dead}\" IS {oldMarker}");
        await scenario.AdminAsync($"SET ROLE {user}; CREATE TABLE \"{dead}\".\"cargo_doctor_probe\" (id INT); CREATE FUNCTION \"{dead}\".\"f_cargo_doctor_probe\"(int) RETURNS int LANGUAGE sql AS 'SELECT 1'");
        Assert.NotEqual(expected, await CatalogSnapshot.TakeAsync(scenario));

        var result = await scenario.CheckAsync();

        Assert.Equal(expected, await CatalogSnapshot.TakeAsync(scenario));
        Assert.Equal([dead], result.Facts.Probes!.LeftoversDropped);
        Assert.Contains(result.Facts.Notes, n => n.Contains("dropped 1 scratch schema(s) left by earlier cargo-doctor runs", StringComparison.Ordinal) && n.Contains(dead, StringComparison.Ordinal));
        Assert.Contains(result.Facts.Probes.Statements, s => s.ProbeId == "cleanup" && s.Sql == $"DROP SCHEMA \"{dead}\" RESTRICT");
        Assert.Equal(CheckStatus.Pass, result[SchemaCreateProbeRule.Id].Status);
    }

    [Fact]
    public async Task recently_marked_schema_may_belong_to_a_running_check_and_is_left_alone()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        const string running = "cargo_doctor_20990101t000000_cafebabe";
        await scenario.AdminAsync($"CREATE SCHEMA \"{running}\" AUTHORIZATION {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync($"COMMENT ON SCHEMA \"{running}\" IS {SqlQuote.Literal(new ScratchMarker(DateTimeOffset.UtcNow.AddMinutes(-1), "0.1.0", null).Text)}");
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync();

        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        Assert.Equal([running], result.Facts.Probes!.LeftoversKept);
        Assert.Contains(result.Facts.Notes, n => n.Contains($"left \"{running}\" alone", StringComparison.Ordinal));
    }

    /// <summary>The real executor, with a hook after each statement (to cancel at a precise point).</summary>
    private sealed class InterceptingExecutor(IProbeExecutor inner, Action<string> after) : IProbeExecutor
    {
        public string Database => inner.Database;

        public async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await inner.ExecuteAsync(sql, ct);
            after(sql);
        }

        public Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct) =>
            inner.QueryAsync(sql, parameters, ct);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
