using System.Globalization;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Checks.Probes;
using Cargo.Doctor.Tests.Fixtures;
using Npgsql;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// The leftover sweep removes only what cargo-doctor itself created: a dead run's schema goes at
/// once when its session is gone; a customer's view that depends on it, a schema named in the
/// configuration, objects the tool never creates and markers it did not write are left alone and
/// reported. Nothing the tool runs or prints says CASCADE.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class SweepTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Dead = "cargo_doctor_20200101t000000_deadbeef";

    private static string Marker(DateTimeOffset at, string? session = null) =>
        $"cargo-doctor scratch schema; created {at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} by cargo-doctor 0.1.0" +
        (session is null ? "" : $"; session {session}") + "; safe to drop";

    private static async Task<WarehouseScenario> WithDeadRunAsync(PostgresServer server, string marker)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var user = scenario.Quoted(scenario.User);
        await scenario.AdminAsync($"CREATE SCHEMA \"{Dead}\" AUTHORIZATION {user}");
        await scenario.AdminAsync($"COMMENT ON SCHEMA \"{Dead}\" IS {SqlQuote.Literal(marker)}");
        await scenario.AdminAsync($"SET ROLE {user}; CREATE TABLE \"{Dead}\".\"cargo_doctor_probe\" (id INT)");
        return scenario;
    }

    private static void AssertNoCascade(CheckResult result)
    {
        Assert.DoesNotContain(result.Facts.Probes!.Statements, s => s.Sql.Contains("CASCADE", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(result.Facts.Notes, n => n.Contains("CASCADE", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task customer_view_on_a_dead_runs_table_survives_and_the_schema_is_reported()
    {
        var scenario = await WithDeadRunAsync(server, Marker(DateTimeOffset.UtcNow.AddHours(-3)));
        await scenario.AdminAsync($"CREATE VIEW public.\"customer_report\" AS SELECT id FROM \"{Dead}\".\"cargo_doctor_probe\"");
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync();

        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        Assert.Empty(result.Facts.Probes!.LeftoversDropped);
        var note = Assert.Single(result.Facts.Notes, n => n.Contains($"left \"{Dead}\" alone", StringComparison.Ordinal));
        Assert.Contains("customer_report", note);
        Assert.Contains($"DROP SCHEMA \"{Dead}\" RESTRICT", note);
        AssertNoCascade(result);
        Assert.Equal(CheckStatus.Pass, result[SchemaCreateProbeRule.Id].Status);
    }

    [Fact]
    public async Task unmarked_schema_named_with_a_run_id_is_dropped_only_when_it_is_the_tools()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var user = scenario.Quoted(scenario.User);
        const string customers = "cargo_doctor_20200101t000000_0badf00d";
        const string admins = "cargo_doctor_20200101t000000_00c0ffee";
        await scenario.AdminAsync($"CREATE SCHEMA \"{customers}\" AUTHORIZATION {user}");
        await scenario.AdminAsync($"SET ROLE {user}; CREATE TABLE \"{customers}\".\"customer_keep_me\" (id INT)");
        await scenario.AdminAsync($"CREATE SCHEMA \"{admins}\"");
        var expected = await CatalogSnapshot.TakeAsync(scenario);
        // A run stopped between CREATE SCHEMA and its marker: no comment, the probe table in it.
        await scenario.AdminAsync($"CREATE SCHEMA \"{Dead}\" AUTHORIZATION {user}");
        await scenario.AdminAsync($"SET ROLE {user}; CREATE TABLE \"{Dead}\".\"cargo_doctor_probe\" (id INT)");

        var result = await scenario.CheckAsync();

        Assert.Equal(expected, await CatalogSnapshot.TakeAsync(scenario));
        Assert.Equal([Dead], result.Facts.Probes!.LeftoversDropped);
        var note = Assert.Single(result.Facts.Notes, n => n.Contains($"left \"{customers}\" alone", StringComparison.Ordinal));
        Assert.Contains("customer_keep_me", note);
        Assert.DoesNotContain(result.Facts.Notes, n => n.Contains(admins, StringComparison.Ordinal));
        AssertNoCascade(result);
    }

    [Fact]
    public async Task schema_named_in_the_configuration_is_never_touched()
    {
        var scenario = await WithDeadRunAsync(server, Marker(DateTimeOffset.UtcNow.AddHours(-3)));
        await scenario.AdminAsync($"GRANT USAGE ON SCHEMA \"{Dead}\" TO {scenario.Quoted(scenario.User)}");
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync("sales", Dead);

        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        Assert.Empty(result.Facts.Probes!.LeftoversDropped);
        Assert.Contains(result.Facts.Notes, n => n.Contains($"left \"{Dead}\" alone", StringComparison.Ordinal) && n.Contains("configuration", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Facts.Probes.Statements, s => s.ProbeId == "cleanup" && s.Sql.StartsWith("DROP", StringComparison.Ordinal) && s.Sql.Contains(Dead, StringComparison.Ordinal));
    }

    [Fact]
    public async Task objects_the_tool_never_creates_keep_a_marked_schema()
    {
        var scenario = await WithDeadRunAsync(server, Marker(DateTimeOffset.UtcNow.AddHours(-3)));
        await scenario.AdminAsync($"SET ROLE {scenario.Quoted(scenario.User)}; CREATE TABLE \"{Dead}\".\"customer_keep_me\" (id INT)");
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync();

        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        var note = Assert.Single(result.Facts.Notes, n => n.Contains($"left \"{Dead}\" alone", StringComparison.Ordinal));
        Assert.Contains("customer_keep_me", note);
        AssertNoCascade(result);
    }

    [Theory]
    [InlineData("future")]
    [InlineData("unparseable")]
    public async Task marker_from_the_future_or_unreadable_is_foreign_and_reported(string kind)
    {
        var marker = kind == "future"
            ? Marker(DateTimeOffset.UtcNow.AddDays(30))
            : "cargo-doctor scratch schema; created yesterday by hand; safe to drop";
        var scenario = await WithDeadRunAsync(server, marker);
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync();

        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        var note = Assert.Single(result.Facts.Notes, n => n.Contains($"\"{Dead}\"", StringComparison.Ordinal));
        Assert.Contains("marker", note);
        Assert.DoesNotContain("later run drops it", note);
        Assert.DoesNotContain(Dead, string.Join(",", result.Facts.Probes!.LeftoversKept));
    }

    [Theory]
    [InlineData("stv_sessions")]
    [InlineData("pg_stat_activity")]
    public async Task schema_of_a_killed_run_is_swept_at_once_when_its_session_is_gone(string sessionList)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        if (sessionList == "pg_stat_activity")
        {
            // Plain PostgreSQL: no STV_SESSIONS, the sweep reads pg_stat_activity.
            await scenario.AdminAsync("DROP VIEW pg_catalog.stv_sessions");
        }

        var expected = await CatalogSnapshot.TakeAsync(scenario);
        await CreateKilledRunAsync(scenario);

        var result = await scenario.CheckAsync();

        Assert.Equal([Dead], result.Facts.Probes!.LeftoversDropped);
        Assert.Equal(expected, await CatalogSnapshot.TakeAsync(scenario));
        Assert.Contains(result.Facts.Probes.Statements, s => s.Sql.Contains(sessionList, StringComparison.Ordinal));
        AssertNoCascade(result);
    }

    [Fact]
    public async Task without_a_session_list_a_young_leftover_waits_for_the_age_rule()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync("REVOKE SELECT ON pg_catalog.stv_sessions FROM PUBLIC");
        await CreateKilledRunAsync(scenario);
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync();

        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        Assert.Equal([Dead], result.Facts.Probes!.LeftoversKept);
        Assert.Contains(result.Facts.Notes, n => n.Contains($"left \"{Dead}\" alone", StringComparison.Ordinal) && n.Contains("could not be listed", StringComparison.Ordinal));
    }

    /// <summary>A run that died a minute ago: its session (a real one, now closed) wrote the marker, a table and a function.</summary>
    private static async Task CreateKilledRunAsync(WarehouseScenario scenario)
    {
        await using (var killed = await OpenAsCargoUserAsync(scenario))
        {
            var pid = await ScalarAsync(killed, "SELECT pg_backend_pid()");
            await ExecuteAsync(killed, $"CREATE SCHEMA \"{Dead}\"");
            await ExecuteAsync(killed, $"COMMENT ON SCHEMA \"{Dead}\" IS {SqlQuote.Literal(Marker(DateTimeOffset.UtcNow.AddMinutes(-1), pid))}");
            await ExecuteAsync(killed, $"CREATE TABLE \"{Dead}\".\"cargo_doctor_probe\" (id INT)");
            await ExecuteAsync(killed, $"CREATE FUNCTION \"{Dead}\".\"f_cargo_doctor_probe\"(INT) RETURNS INT LANGUAGE sql AS 'SELECT $1 + 1'");
        }

        await WaitUntilGoneAsync(scenario);
    }

    [Fact]
    public async Task schema_whose_session_is_still_connected_is_left_alone()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var running = await OpenAsCargoUserAsync(scenario);
        var pid = await ScalarAsync(running, "SELECT pg_backend_pid()");
        // Created long ago by a session that is still there: a run in progress, whatever its age.
        await ExecuteAsync(running, $"CREATE SCHEMA \"{Dead}\"");
        await ExecuteAsync(running, $"COMMENT ON SCHEMA \"{Dead}\" IS {SqlQuote.Literal(Marker(DateTimeOffset.UtcNow.AddHours(-3), pid))}");
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var result = await scenario.CheckAsync();

        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        Assert.Equal([Dead], result.Facts.Probes!.LeftoversKept);
        Assert.Contains(result.Facts.Notes, n => n.Contains(Dead, StringComparison.Ordinal) && n.Contains($"session {pid}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_marker_names_the_session_that_wrote_it()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var result = await scenario.CheckAsync();

        var comment = Assert.Single(result.Facts.Probes!.Statements, s => s.Sql.StartsWith("COMMENT ON SCHEMA", StringComparison.Ordinal)).Sql;
        Assert.Matches(@"; session \d+ started [^;]+; safe to drop'$", comment);
        AssertNoCascade(result);
    }

    private static async Task<NpgsqlConnection> OpenAsCargoUserAsync(WarehouseScenario scenario)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = scenario.Server.Host,
            Port = scenario.Server.Port,
            Database = scenario.Database,
            Username = scenario.User,
            Password = WarehouseScenario.Password,
            Pooling = false,
            SslMode = SslMode.Disable,
        }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture)!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The server notices a closed client asynchronously: wait until it shows no session of the user.</summary>
    private static Task WaitUntilGoneAsync(WarehouseScenario scenario) =>
        ServerState.WaitUntilAsync(scenario.Server, scenario.Database, $"NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE usename = {SqlQuote.Literal(scenario.User)})");
}
