using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.ProbeErrors;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Rules.History;
using Cargo.Doctor.Tests.Checks.Probes;
using Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;
using Npgsql;

namespace Cargo.Doctor.Tests.Sources.History;

/// <summary>
/// The history source for real: Cargo-like statements fail through the Redshift stand-in, which writes
/// each failure it returns into the emulation's SYS_QUERY_HISTORY; then the doctor's one history
/// statement reads them back (the classifier names each cause), sees them only where the views'
/// pages say (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html: "Superusers can see
/// all rows; regular users can see only their own data"), and stays one statement whatever the history size.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class HistoryScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly string Chain = $"{ProbeConfigs.CustomerRole},{ProbeConfigs.CargoRole}";

    [Fact]
    public async Task statements_that_failed_through_the_stand_in_are_read_back_with_their_causes()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync("CREATE SCHEMA hr; CREATE TABLE hr.salaries (id int)");
        // Cargo's role may assume nothing on the bucket: S3 answers AccessDenied once both roles are assumed.
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => w.Provisioned()
            .CustomerRole(ProbeConfigs.CustomerRole, ProbeConfigs.CargoRole)
            .CargoRole(ProbeConfigs.CargoRole, trusts: ProbeConfigs.CustomerRole)
            .Bucket(ProbeConfigs.Bucket, "eu-west-1"));
        var copy = $"COPY cargo_sync_orders FROM 's3://{ProbeConfigs.Bucket}/cargo/acme/part_' IAM_ROLE '{Chain}' FORMAT AS CSV";

        await RefusedAsync(standIn, scenario, "SELECT * FROM hr.salaries");
        await RefusedAsync(standIn, scenario, "CREATE TEMP TABLE cargo_sync_orders (id int)", copy);
        await standIn.ExecuteAsync(scenario.Database, "REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL;");
        await RefusedAsync(standIn, scenario, "CREATE TEMP TABLE cargo_sync_orders (id int)", copy);

        var result = await scenario.CheckAsync();
        var history = result.Facts.Warehouse!.History!;

        Assert.Empty(standIn.Faults);
        Assert.Null(history.Gap);
        Assert.Equal(7, history.Days);
        Assert.Equal(
            [ProbeErrorCause.AssumeRolePermission, ProbeErrorCause.S3AccessDenied, ProbeErrorCause.SchemaPermission],
            history.Failures.Select(f => ProbeErrorClassifier.Classify(f.Message)).ToList());
        Assert.Equal(["COPY", "COPY", "SELECT"], history.Failures.Select(f => f.QueryType));
        Assert.All(history.Failures, f => Assert.True(f.Statement!.Length <= HistoryFacts.StatementChars + 1, f.Statement));
        Assert.StartsWith("COPY cargo_sync_orders FROM", history.Failures[0].Statement, StringComparison.Ordinal);
        Assert.EndsWith("…", history.Failures[0].Statement, StringComparison.Ordinal);

        // check reports them under the checks that explain them.
        var finding = result[RecentFailuresRule.Id];
        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Equal(["cause=assume-role-permission", "cause=s3-access-denied", "cause=schema-permission"], finding.Items.Select(i => i.Identity.Text).Order());
        Assert.Contains(finding.Details, d => d.StartsWith("schema-permission (likely): 1 failure", StringComparison.Ordinal) && d.Contains("explained by db.schema-usage", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.StartsWith("assume-role-permission (likely): 1 failure", StringComparison.Ordinal) && d.Contains("explained by db.assume-role-privilege", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.StartsWith("s3-access-denied: 1 failure", StringComparison.Ordinal) && d.Contains("explained by probe.copy-round-trip", StringComparison.Ordinal));
    }

    /// <summary>
    /// A bad value in the file Cargo loads: the stand-in rejects the COPY as Redshift does and writes the row
    /// to SYS_LOAD_ERROR_DETAIL with the load error reference's code and text
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html: 1207, "Data contained a
    /// value outside of the expected range of 0-9."); check calls it not a setup problem.
    /// </summary>
    [Fact]
    public async Task a_copy_data_error_lands_in_sys_load_error_detail_and_is_not_a_setup_problem()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => w.Provisioned()
            .CustomerRole(ProbeConfigs.CustomerRole, ProbeConfigs.CargoRole)
            .CargoRole(ProbeConfigs.CargoRole, trusts: ProbeConfigs.CustomerRole)
            .Bucket(ProbeConfigs.Bucket, "eu-west-1", readOnly: [ProbeConfigs.CargoRole]));
        standIn.S3.Put(ProbeConfigs.Bucket, "cargo/acme/part_000", "1\nx7\n"u8.ToArray());
        var copy = $"COPY cargo_sync_orders FROM 's3://{ProbeConfigs.Bucket}/cargo/acme/part_' IAM_ROLE '{Chain}' FORMAT AS CSV";

        var refused = await RefusedAsync(standIn, scenario, "CREATE TEMP TABLE cargo_sync_orders (id int)", copy);
        var result = await scenario.CheckAsync();

        Assert.Empty(standIn.Faults);
        Assert.Equal("Load into table 'cargo_sync_orders' failed. Check 'sys_load_error_detail' system table for details.", refused.MessageText);
        await using (var admin = await server.OpenAdminAsync(scenario.Database))
        await using (var read = new NpgsqlCommand("SELECT line_number, TRIM(column_name), TRIM(column_type), error_code, TRIM(error_message), TRIM(file_name) FROM sys_load_error_detail", admin))
        await using (var row = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            Assert.True(await row.ReadAsync(TestContext.Current.CancellationToken));
            Assert.Equal(2L, row.GetInt64(0));
            Assert.Equal("id", row.GetString(1));
            Assert.Equal("integer", row.GetString(2));
            Assert.Equal(1207, row.GetInt32(3));
            Assert.Equal("Data contained a value outside of the expected range of 0-9.", row.GetString(4));
            Assert.Equal($"s3://{ProbeConfigs.Bucket}/cargo/acme/part_", row.GetString(5));
            Assert.False(await row.ReadAsync(TestContext.Current.CancellationToken));
        }

        var history = result.Facts.Warehouse!.History!;
        Assert.Equal(["load", "query"], history.Failures.Select(f => f.Source).Order());
        Assert.All(history.Failures, f => Assert.Equal(ProbeErrorCause.DataError, ProbeErrorClassifier.Classify(f.Message)));
        var finding = result[RecentFailuresRule.Id];
        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains(finding.Details, d => d.StartsWith("data-error", StringComparison.Ordinal) && d.Contains("not a setup problem", StringComparison.Ordinal));
    }

    /// <summary>
    /// A failed UNLOAD is an 'aborted' row of SYS_UNLOAD_HISTORY with its error_message
    /// (https://docs.aws.amazon.com/redshift/latest/dg/SYS_UNLOAD_HISTORY.html): read in the same one statement,
    /// with the statement text of its SYS_QUERY_HISTORY row, and counted once.
    /// </summary>
    [Fact]
    public async Task a_failed_unload_is_read_from_sys_unload_history_once()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => w.Provisioned()
            .CustomerRole(ProbeConfigs.CustomerRole, ProbeConfigs.CargoRole)
            .CargoRole(ProbeConfigs.CargoRole, trusts: ProbeConfigs.CustomerRole)
            .Bucket(ProbeConfigs.Bucket, "eu-west-1"));

        await RefusedAsync(standIn, scenario, $"UNLOAD ('SELECT 1') TO 's3://{ProbeConfigs.Bucket}/cargo/acme/unload_' IAM_ROLE '{Chain}' FORMAT AS CSV");
        var result = await scenario.CheckAsync();

        Assert.Empty(standIn.Faults);
        var failure = Assert.Single(result.Facts.Warehouse!.History!.Failures);
        Assert.Equal("unload", failure.Source);
        Assert.Equal("UNLOAD", failure.QueryType);
        Assert.StartsWith("UNLOAD ('SELECT 1') TO", failure.Statement, StringComparison.Ordinal);
        Assert.True(ProbeErrorClassifier.Classify(failure.Message) == ProbeErrorCause.S3AccessDenied, failure.Message);
        Assert.Equal(CheckStatus.Warn, result[RecentFailuresRule.Id].Status);
    }

    [Fact]
    public async Task the_run_s_own_statements_and_the_probes_are_left_out()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server);
        await RefusedAsync(standIn, scenario, "SELECT * FROM cargo_doctor_20260101t000000z_abcd.t");
        await RefusedAsync(standIn, scenario, "-- db.user-exists: the doctor's own catalog read\nSELECT no_such_column FROM pg_catalog.pg_user");

        var result = await scenario.CheckAsync();

        Assert.Empty(result.Facts.Warehouse!.History!.Failures);
        Assert.Null(result.Facts.Warehouse.History.Gap);
    }

    [Theory]
    [InlineData(LoginKind.Superuser, false)]
    [InlineData(LoginKind.CargoUser, false)]
    [InlineData(LoginKind.OtherUser, true)]
    public async Task rows_another_login_cannot_see_are_unknown_naming_the_grant(LoginKind login, bool unknown)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync("CREATE SCHEMA hr");
        await using var standIn = await RedshiftStandIn.StartAsync(server);
        await RefusedAsync(standIn, scenario, "CREATE TABLE hr.cargo_copy (id int)");

        var history = (await scenario.CheckAsAsync(login)).Facts.Warehouse!.History!;

        if (unknown)
        {
            Assert.Empty(history.Failures);
            Assert.Contains("SYSLOG ACCESS UNRESTRICTED", history.Gap!.ToString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(history.Gap);
            Assert.Equal(ProbeErrorCause.SchemaPermission, ProbeErrorClassifier.Classify(Assert.Single(history.Failures).Message));
        }
    }

    [Fact]
    public async Task history_days_0_reads_nothing()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var config = scenario.Config("sales");

        var off = await scenario.CheckAsync(config with { Warehouse = config.Warehouse with { HistoryDays = 0 } });
        var on = await scenario.CheckAsync(config);

        Assert.Null(off.Facts.Warehouse!.History);
        Assert.Equal(off.StatementCount + 1, on.StatementCount);
    }

    /// <summary>The 100,000 rows are bulk inserted (the one place a test writes history rows itself).</summary>
    [Fact]
    public async Task the_statement_count_is_the_same_with_10_and_100000_history_rows()
    {
        var small = await WarehouseScenario.CreateReadyAsync(server);
        var large = await WarehouseScenario.CreateReadyAsync(server);
        await InsertFailuresAsync(small, 10);
        await InsertFailuresAsync(large, 100_000);

        var smallResult = await small.CheckAsync();
        var largeResult = await large.CheckAsync();

        Assert.Equal(smallResult.StatementCount, largeResult.StatementCount);
        Assert.Equal(10, smallResult.Facts.Warehouse!.History!.Failures.Count);
        Assert.False(smallResult.Facts.Warehouse.History.Capped);
        Assert.Equal(HistoryFacts.RowCap, largeResult.Facts.Warehouse!.History!.Failures.Count);
        Assert.True(largeResult.Facts.Warehouse.History.Capped);
    }

    private static Task InsertFailuresAsync(WarehouseScenario scenario, int count) => scenario.AdminAsync(
        "INSERT INTO pg_catalog.rs_query_history (user_id, query_type, status, start_time, error_message, query_text) " +
        $"SELECT r.oid::integer, 'SELECT', 'failed', (now() AT TIME ZONE 'UTC') - (g * interval '1 second'), 'permission denied for schema hr', 'SELECT * FROM hr.t' " +
        $"FROM pg_catalog.pg_roles r, generate_series(1, {count}) g WHERE r.rolname = {SqlQuote.Literal(scenario.User)}");

    /// <summary>Runs the statements as the Cargo user through the stand-in, each on a new session; the last must fail.</summary>
    private static async Task<PostgresException> RefusedAsync(RedshiftStandIn standIn, WarehouseScenario scenario, params string[] statements)
    {
        // A new session each time: Npgsql closes the connection after an XX000, the SQLSTATE of COPY/UNLOAD failures.
        await using var connection = await StandInConnections.OpenAsync(standIn, scenario);
        foreach (var statement in statements[..^1])
        {
            await connection.ExecuteAsync(statement);
        }

        return await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(statements[^1]));
    }
}
