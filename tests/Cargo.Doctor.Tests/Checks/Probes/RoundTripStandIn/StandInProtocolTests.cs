using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;
using Npgsql;

namespace Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;

/// <summary>
/// The stand-in relays the PostgreSQL protocol faithfully: TLS towards the client with SCRAM passed
/// through, the extended protocol, the client's own COPY in and out, errors outside and inside a
/// transaction (also the ones it raises itself), and cancel requests.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class StandInProtocolTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task tls_and_scram_pass_through_and_the_extended_protocol_answers()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server);
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);

        await using var command = new NpgsqlCommand("SELECT current_user, $1::int + 1, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
        command.Parameters.AddWithValue(41);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(scenario.User, reader.GetString(0));
        Assert.Equal(42, reader.GetInt32(1));
        Assert.False(reader.GetBoolean(2)); // upstream is plaintext loopback: TLS ends at the stand-in
        Assert.Equal(System.Data.ConnectionState.Open, connection.State); // SslMode.Require: Npgsql refuses a server that declines TLS
    }

    [Fact]
    public async Task wrong_password_is_refused_by_postgresql_itself()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server);
        await using var connection = new NpgsqlConnection($"Host={standIn.Host};Port={standIn.Port};Database={scenario.Database};Username={scenario.User};Password=wrong;SSL Mode=Require;Pooling=false");

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Equal("28P01", error.SqlState);
    }

    [Fact]
    public async Task the_clients_own_copy_in_and_out_are_relayed()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server);
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);
        await connection.ExecuteAsync("CREATE TEMP TABLE t (id int, note text)");

        await using (var writer = await connection.BeginTextImportAsync("COPY t FROM STDIN WITH (FORMAT csv)", TestContext.Current.CancellationToken))
        {
            await writer.WriteAsync("1,\"a, \"\"b\"\"\"\n2,\n");
        }

        string exported;
        using (var reader = await connection.BeginTextExportAsync("COPY (SELECT * FROM t ORDER BY id) TO STDOUT WITH (FORMAT csv)", TestContext.Current.CancellationToken))
        {
            exported = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal("1,\"a, \"\"b\"\"\"\n2,\n", exported);
        Assert.Empty(standIn.Statements);
    }

    [Fact]
    public async Task an_error_outside_a_transaction_leaves_the_session_usable()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server);
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("SELECT 1/0"));

        Assert.Equal("22012", error.SqlState);
        Assert.Equal("1", (await connection.QueryAsync("SELECT 1"))[0][0]);
    }

    [Fact]
    public async Task a_raised_redshift_error_inside_a_transaction_aborts_it_like_a_real_failure()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server);
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);

        // An outer LIMIT is refused with 0A000, which Npgsql does not treat as fatal.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "UNLOAD ('SELECT 1 LIMIT 1') TO 's3://cargo-exchange-eu/x/' IAM_ROLE 'arn:aws:iam::111122223333:role/a' FORMAT AS CSV"));
        var aborted = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("SELECT 1"));

        Assert.Equal("0A000", refused.SqlState);
        Assert.Equal("Limit clause is not supported in the outermost select of an UNLOAD statement", refused.MessageText);
        Assert.Null(refused.Where); // the PL/pgSQL context of the DO block is stripped
        Assert.Equal("25P02", aborted.SqlState);
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        Assert.Equal("1", (await connection.QueryAsync("SELECT 1"))[0][0]);
    }

    [Fact]
    public async Task a_cancel_request_reaches_postgresql_and_the_session_goes_on()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server);
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);
        // The statement waits on a lock the test holds until it ends: only the cancel can end it. The cancel is
        // sent once the server shows the statement waiting (a cancel sent earlier would not reach it).
        const long gateKey = 21_0002;
        await using var gate = await ServerState.HoldGateAsync(server, scenario.Database, gateKey);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({gateKey})", connection);
        using var cancel = new CancellationTokenSource();
        var waiting = command.ExecuteNonQueryAsync(cancel.Token);
        await ServerState.WaitUntilAsync(server, scenario.Database, ServerState.WaitingForGate(gateKey));

        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(ServerState.HangGuardSeconds), TestContext.Current.CancellationToken));

        Assert.Equal("57014", (error.InnerException as PostgresException)?.SqlState);
        Assert.Equal("1", (await connection.QueryAsync("SELECT 1"))[0][0]);
    }

    [Fact]
    public async Task a_refused_unload_carries_redshifts_sqlstate_message_and_detail_and_npgsql_drops_the_session()
    {
        const string role = "arn:aws:iam::111122223333:role/a";
        var scenario = await WarehouseScenario.CreateAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => w.Provisioned().Bucket("cargo-exchange-eu", "eu-west-1"));
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            $"UNLOAD ('SELECT 1') TO 's3://cargo-exchange-eu/x/' IAM_ROLE '{role}' FORMAT AS CSV"));

        Assert.Equal("XX000", error.SqlState);
        Assert.Equal($"User arn:aws:redshift:eu-west-1:111122223333:dbuser:analytics/{scenario.User} is not authorized to assume IAM Role {role}", error.MessageText);
        Assert.Contains("  code:      8001\n", error.Detail);
        Assert.Contains($"  context:   IAM Role={role}\n", error.Detail);
        // Npgsql treats class XX as fatal and closes the connection (design note, section 5).
        Assert.NotEqual(System.Data.ConnectionState.Open, connection.State);
        Assert.Empty(standIn.Faults);
    }

    [Fact]
    public async Task parallel_unload_with_header_and_copy_with_ignoreheader_round_trip()
    {
        const string role = "arn:aws:iam::111122223333:role/a";
        var scenario = await WarehouseScenario.CreateAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => w.Provisioned()
            .CustomerRole(role, "arn:aws:iam::444455556666:role/unused").Bucket("cargo-exchange-eu", "eu-west-1", readWrite: [role]));
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);
        await connection.ExecuteAsync("CREATE TEMP TABLE src (id int, note text)");
        await connection.ExecuteAsync("INSERT INTO src VALUES (1, 'a'), (2, 'it''s'), (3, NULL)");

        await connection.ExecuteAsync($@"UNLOAD ('SELECT id, note FROM src WHERE note IS NULL OR note <> \'b\' ORDER BY id') TO 's3://cargo-exchange-eu/p/part_' IAM_ROLE '{role}' FORMAT CSV NULL AS 'nil' HEADER PARALLEL ON");
        await connection.ExecuteAsync("CREATE TEMP TABLE dst (id int, note text)");
        await connection.ExecuteAsync($"COPY dst (id, note) FROM 's3://cargo-exchange-eu/p/part_' IAM_ROLE '{role}' CSV NULL AS 'nil' IGNOREHEADER 1");

        Assert.Equal(["p/part_0000_part_00", "p/part_0001_part_00"], standIn.S3.List("cargo-exchange-eu"));
        Assert.Equal("id,note\n1,a\n3,nil\n", standIn.S3.GetText("cargo-exchange-eu", "p/part_0000_part_00"));
        Assert.Equal("id,note\n2,it's\n", standIn.S3.GetText("cargo-exchange-eu", "p/part_0001_part_00"));
        var copied = await connection.QueryAsync("SELECT id, note FROM dst ORDER BY id");
        Assert.Equal([["1", "a"], ["2", "it's"], ["3", null]], copied);

        var again = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            $"UNLOAD ('SELECT 1') TO 's3://cargo-exchange-eu/p/part_' IAM_ROLE '{role}' CSV"));
        Assert.StartsWith("Specified unload destination on S3 is not empty.", again.MessageText);
    }

    [Fact]
    public async Task unload_runs_as_the_client_so_its_missing_grants_apply()
    {
        const string role = "arn:aws:iam::111122223333:role/a";
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.AdminAsync("CREATE TABLE public.secret (id int)");
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => w.Provisioned()
            .CustomerRole(role, "arn:aws:iam::444455556666:role/unused").Bucket("cargo-exchange-eu", "eu-west-1", readWrite: [role]));
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            $"UNLOAD ('SELECT id FROM public.secret') TO 's3://cargo-exchange-eu/s/' IAM_ROLE '{role}' CSV"));

        Assert.Equal("42501", error.SqlState);
        Assert.Contains("permission denied for table secret", error.MessageText);
        Assert.Empty(standIn.S3.AllObjects());
        Assert.Equal("1", (await connection.QueryAsync("SELECT 1"))[0][0]);
    }
}
