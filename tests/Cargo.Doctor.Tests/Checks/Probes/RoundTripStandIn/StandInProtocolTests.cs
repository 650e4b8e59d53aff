using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;
using Npgsql;

namespace Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;

/// <summary>
/// The stand-in relays the PostgreSQL protocol faithfully: TLS towards the client with SCRAM passed
/// through, the extended protocol, the client's own COPY in and out, errors outside and inside a
/// transaction (also the ones it raises itself), and cancel requests.
/// </summary>
public sealed class StandInProtocolTests(PostgresServer server)
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
        await using var command = new NpgsqlCommand("SELECT pg_sleep(30)", connection);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteNonQueryAsync(cancel.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        Assert.Equal("57014", (error.InnerException as PostgresException)?.SqlState);
        Assert.Equal("1", (await connection.QueryAsync("SELECT 1"))[0][0]);
    }
}
