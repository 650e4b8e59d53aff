using System.Net;
using System.Net.Sockets;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Sources.Warehouse;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Checks.Probes;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Probes whose session breaks: a dropped connection or a timeout is unknown (not a refusal with a
/// fix), a probe that cannot connect after db.connect passed is unknown, an unreachable database is
/// tried once per run, and an XX000 error (which makes Npgsql close the connection) is followed by
/// a reconnect for what remains, with the server's DETAIL in the finding.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class ProbeFaultTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static IReadOnlyList<Finding> Evaluate(FactsSnapshot facts) => new CheckRunner(WarehouseScenario.Catalog, RuleSet.All).Run(facts);

    /// <summary>The probes' facts beside catalog reads that connected (db.connect passes).</summary>
    private static FactsSnapshot FactsOf(DoctorConfig config, ProbeFacts probes) => new()
    {
        ToolVersion = "test",
        StartedAt = DateTimeOffset.UtcNow,
        Target = FactsCollector.Describe(config),
        Probes = probes,
        Warehouse = new WarehouseFacts
        {
            CargoUser = config.Warehouse.User,
            LoginUser = config.Warehouse.User,
            Databases = config.Warehouse.AllDatabases
                .Select(d => new DatabaseFacts { Name = d, Connection = new ConnectionFacts { Succeeded = true, ServerVersion = "8.0.2", SslInUse = true } }).ToList(),
        },
    };

    [Fact]
    public async Task session_terminated_mid_probe_is_unknown_and_the_next_probe_reconnects()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var before = await CatalogSnapshot.TakeAsync(scenario);
        var config = scenario.Config("sales");
        var plan = ProbePlan.Create(config, DateTimeOffset.UtcNow);
        var open = ProbeRunner.WarehouseOpener(plan, config.Warehouse, WarehouseScenario.Password, new StatementLog());
        var terminated = false;
        var runner = new ProbeRunner(plan, async ct =>
        {
            var (executor, failure) = await open(ct);
            return (executor is null ? null : new HookedExecutor(executor, async sql =>
            {
                // The connection drops right after CREATE SCHEMA (a network cut, a restarted leader node).
                if (!terminated && sql.StartsWith("CREATE SCHEMA", StringComparison.Ordinal))
                {
                    terminated = true;
                    await scenario.AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = {SqlQuote.Literal(scenario.User)}");
                }
            }), failure);
        });

        var probes = await runner.RunAsync(TestContext.Current.CancellationToken);

        var findings = Evaluate(FactsOf(config, probes));
        var schema = findings.Single(f => f.CheckId == SchemaCreateProbeRule.Id);
        Assert.Equal(CheckStatus.Unknown, schema.Status);
        Assert.Contains("connection", schema.Summary);
        Assert.Empty(schema.Remediation);
        Assert.Equal(CheckStatus.Pass, findings.Single(f => f.CheckId == FunctionCreateProbeRule.Id).Status);
        Assert.Null(probes.CleanupError);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }

    [Fact]
    public async Task probe_that_cannot_connect_after_db_connect_passed_is_unknown()
    {
        var config = ProbeConfigs.WithRoundTrip(new DoctorConfig
        {
            Warehouse = new WarehouseConfig { Host = "example.redshift.amazonaws.com", Databases = ["dev"], User = "cargo_user" },
        });
        var plan = ProbePlan.Create(config, DateTimeOffset.UtcNow);
        var probes = await new ProbeRunner(plan, _ => Task.FromResult<(IProbeExecutor?, string?)>((null, "no answer from example.redshift.amazonaws.com:5439 within the connect timeout")))
            .RunAsync(TestContext.Current.CancellationToken);
        var findings = Evaluate(FactsOf(config, probes));

        Assert.Equal(CheckStatus.Pass, findings.Single(f => f.CheckId == ConnectRule.Id).Status);
        foreach (var id in ProbeIds.All)
        {
            var finding = findings.Single(f => f.CheckId == id);
            Assert.Equal(CheckStatus.Unknown, finding.Status);
            Assert.Contains("within the connect timeout", finding.Summary);
        }
    }

    [Fact]
    public async Task unreachable_database_is_tried_once_per_run()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        // Accepts and never answers: every connection attempt waits for the whole connect timeout.
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);
                    lock (accepted)
                    {
                        accepted.Add(client);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, TestContext.Current.CancellationToken);
        var config = new DoctorConfig
        {
            Warehouse = new WarehouseConfig
            {
                Host = "127.0.0.1",
                Port = ((IPEndPoint)listener.LocalEndpoint).Port,
                Databases = ["dev"],
                User = "cargo_user",
                ConnectTimeoutSeconds = 1,
            },
        };

        var facts = await new FactsCollector(config, "secret-Pa55").CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await accepting;

        lock (accepted)
        {
            Assert.Single(accepted);
            accepted.ForEach(c => c.Dispose());
        }

        Assert.All(facts.Probes!.Results, r => Assert.Equal(ProbeRunStatus.Skipped, r.Status));
        Assert.Contains("could not connect", facts.Probes[SchemaCreateProbeRule.Id]!.SkipReason);
        Assert.Contains("see db.connect", facts.Probes[FunctionCreateProbeRule.Id]!.SkipReason);
        Assert.Empty(facts.Probes.Statements);
    }

    [Fact]
    public async Task xx000_error_ends_the_session_and_the_remaining_probes_reconnect()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RedshiftLikeFailure.InstallAsync(scenario);
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync();

        var schema = result[SchemaCreateProbeRule.Id];
        Assert.Equal(CheckStatus.Fail, schema.Status);
        Assert.Contains(schema.Details, d => d == "SQLSTATE: XX000");
        Assert.Contains(schema.Details, d => d.Contains("reconnected", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Pass, result[FunctionCreateProbeRule.Id].Status);
        Assert.Null(result.Facts.Probes!.CleanupError);
        Assert.Contains(result.Facts.Notes, n => n.Contains("reconnected", StringComparison.Ordinal) && n.Contains("XX000", StringComparison.Ordinal));
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }

    [Fact]
    public async Task server_detail_is_read_classified_and_shown()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RedshiftLikeFailure.InstallAsync(scenario);

        var result = await scenario.CheckAsync();

        var error = result.Facts.Probes![SchemaCreateProbeRule.Id]!.Error!;
        // The message alone says nothing; Redshift's DETAIL names the role and its code.
        Assert.Equal(ProbeErrorCause.RoleNotAuthorized, error.Cause);
        Assert.Contains("code:      8001", error.Message);
        var schema = result[SchemaCreateProbeRule.Id];
        Assert.Contains(schema.Details, d => d.Contains("code:      8001", StringComparison.Ordinal));
        Assert.Contains(schema.Details, d => d.Contains($"IAM Role={RedshiftLikeFailure.Role}", StringComparison.Ordinal));
        Assert.DoesNotContain(schema.Details, d => d.Contains("redacted", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(schema.Details, d => d.Contains(WarehouseScenario.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task timeout_during_unload_is_unknown_not_a_refusal_with_a_fix()
    {
        var config = ProbeConfigs.WithRoundTrip(new DoctorConfig
        {
            Warehouse = new WarehouseConfig { Host = "example.redshift.amazonaws.com", Databases = ["dev"], User = "cargo_user" },
        });
        // What Npgsql throws when the command timeout passes and the cancellation does not come back.
        var timeout = ProbeFailure.Translate(new Npgsql.NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")), sessionOpen: false);
        var fake = new Sources.Probes.FakeRedshiftExecutor { FailOn = "UNLOAD", Failure = timeout };
        var plan = ProbePlan.Create(config, DateTimeOffset.UtcNow);

        var probes = await new ProbeRunner(plan, _ => Task.FromResult<(IProbeExecutor?, string?)>((fake, null))).RunAsync(TestContext.Current.CancellationToken);

        var finding = Evaluate(FactsOf(config, probes)).Single(f => f.CheckId == CopyRoundTripProbeRule.Id);
        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains("unload step could not finish", finding.Summary);
        Assert.Contains("timeout", finding.Summary);
        Assert.Empty(finding.Remediation);
        Assert.Equal(ProbeErrorCause.TimedOut, probes[CopyRoundTripProbeRule.Id]!.Error!.Cause);
    }

    [Fact]
    public void no_probe_statement_carries_a_secret_the_server_could_echo_in_detail()
    {
        // DETAIL echoes what the statement named (role ARNs, S3 keys, object names): the probes never
        // send keys, tokens or passwords, only IAM_ROLE ARNs, so none can come back.
        var config = ProbeConfigs.WithRoundTrip(new DoctorConfig
        {
            Warehouse = new WarehouseConfig { Host = "example.redshift.amazonaws.com", Databases = ["dev"], User = "cargo_user" },
        });
        var sql = new RoundTripSql(RoundTripTarget.FromConfig(config)!, "20260101t000000_abcdef01");

        foreach (var statement in new[] { sql.CreateSource, sql.InsertRows, sql.Unload, sql.CreateCopy, sql.Copy, sql.SelectSource, sql.SelectCopy })
        {
            Assert.DoesNotMatch("(?i)credentials|access_key|secret|session_token|token|password", statement);
        }
    }

    /// <summary>The real executor with an awaited hook after each statement.</summary>
    [Fact]
    public async Task a_create_schema_whose_answer_is_lost_is_still_dropped()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var before = await CatalogSnapshot.TakeAsync(scenario);
        var config = scenario.Config("sales");
        var plan = ProbePlan.Create(config, DateTimeOffset.UtcNow);
        var open = ProbeRunner.WarehouseOpener(plan, config.Warehouse, WarehouseScenario.Password, new StatementLog());
        var cut = false;
        var runner = new ProbeRunner(plan, async ct =>
        {
            var (executor, failure) = await open(ct);
            return (executor is null ? null : new HookedExecutor(executor, async sql =>
            {
                // CREATE SCHEMA committed, then the link dropped before its answer reached the client.
                if (!cut && sql.StartsWith("CREATE SCHEMA", StringComparison.Ordinal))
                {
                    cut = true;
                    await scenario.AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = {SqlQuote.Literal(scenario.User)}");
                    throw new ProbeStatementException(null, "the connection to the warehouse was lost: cut by the test") { Cause = ProbeErrorCause.ConnectionLost, EndedSession = true };
                }
            }), failure);
        });

        var probes = await runner.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal("create-schema", probes.Results.Single(r => r.ProbeId == ProbeIds.SchemaCreate).Error?.Step);
        Assert.Null(probes.CleanupError);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }

    private sealed class HookedExecutor(IProbeExecutor inner, Func<string, Task> after) : IProbeExecutor
    {
        public string Database => inner.Database;

        public async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await inner.ExecuteAsync(sql, ct);
            await after(sql);
        }

        public Task<IReadOnlyList<IReadOnlyList<string?>>> QueryAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct) =>
            inner.QueryAsync(sql, parameters, ct);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
