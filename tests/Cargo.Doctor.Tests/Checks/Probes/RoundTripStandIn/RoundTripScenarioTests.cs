using System.Text;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;
using static Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn.RoundTripCli;

namespace Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;

/// <summary>
/// probe.copy-round-trip for real: the CLI as a child process, through the Redshift stand-in, against
/// a world that is right or wrong in one way. Each test asserts the verdict, the named cause and its
/// fix, the objects in the stand-in's S3, and that the warehouse is left as it was.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
[Trait("Category", "Aws")]
public sealed class RoundTripScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    /// <summary>PostgreSQL's CSV of the probe's rows (the stand-in's stand-in for Redshift's CSV writer).</summary>
    private const string ExpectedCsv =
        "1,plain text,12345.6789,2024-02-29 23:59:59.123456,t\n" +
        "2,\"it's \"\"quoted\"\", with a comma | and a pipe\",-0.0001,1999-12-31 00:00:00,f\n" +
        "3,\"Grüße, 東京 ✓ ñ\",0.0000,2038-01-19 03:14:07.5,t\n" +
        "4,cargo-doctor-null,cargo-doctor-null,cargo-doctor-null,cargo-doctor-null\n" +
        "5,last row,99999999999999.9999,1970-01-01 00:00:01,f\n";

    [Fact]
    public async Task all_good_provisioned_writes_one_serial_object_and_reads_it_back()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => GoodWorld(w.Provisioned()));
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var run = await RunAsync(standIn, scenario);

        Assert.True("pass" == run.Status(Probe), run.ToString());
        Assert.Empty(standIn.Faults);
        Assert.Contains("rows identical", run.Summary(Probe));
        Assert.Equal([$"s3://{ProbeConfigs.Bucket}/{run.KeyPrefix}000"], standIn.S3.AllObjects());
        Assert.Equal(ExpectedCsv, standIn.S3.GetText(ProbeConfigs.Bucket, run.KeyPrefix + "000"));
        Assert.Equal(Encoding.UTF8.GetBytes(ExpectedCsv), standIn.S3.Get(ProbeConfigs.Bucket, run.KeyPrefix + "000"));
        Assert.Equal(["UNLOAD", "COPY"], standIn.Statements.Select(s => s.Text.Split(' ')[0]));
        Assert.All(standIn.Statements, s => Assert.Null(s.ErrorKind));
        Assert.All(standIn.Statements, s => Assert.Equal(scenario.User, s.User));
        Assert.DoesNotContain("REGION", standIn.Statements[0].Text);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }

    [Theory]
    [InlineData(WarehouseKind.Serverless, "eu-west-1", null)]
    [InlineData(WarehouseKind.Serverless, "us-east-1", "us-east-1")]
    [InlineData(WarehouseKind.Provisioned, "us-east-1", "us-east-1")]
    public async Task all_good_with_and_without_region(WarehouseKind kind, string bucketIn, string? region)
    {
        var outcome = await RunWorldAsync(
            w => GoodWorld(kind == WarehouseKind.Serverless ? w.Serverless() : w.Provisioned()),
            w => w.Buckets[ProbeConfigs.Bucket].Region = bucketIn,
            bucketRegion: region);

        Assert.True("pass" == outcome.Run.Status(Probe), outcome.Run.ToString());
        Assert.All(outcome.Statements, s => Assert.Equal(region is not null, s.Text.Contains($"\nREGION '{region}'", StringComparison.Ordinal)));
        Assert.Equal([$"s3://{ProbeConfigs.Bucket}/{outcome.Run.KeyPrefix}000"], outcome.Objects);
        Assert.Equal(ExpectedCsv, outcome.FirstObjectText);
    }

    [Fact]
    public async Task all_good_with_cross_account_trust_of_the_customer_account_and_an_exact_external_id()
    {
        var outcome = await RunWorldAsync(
            w => GoodWorld(w.Provisioned()),
            w =>
            {
                w.Role(ProbeConfigs.CargoRole).TrustedPrincipals.Clear();
                w.Role(ProbeConfigs.CargoRole).TrustedPrincipals.Add("arn:aws:iam::111122223333:root");
                w.Role(ProbeConfigs.CustomerRole).ExternalIds = [w.DbUserArn(CurrentUser!)];
            });

        Assert.True("pass" == outcome.Run.Status(Probe), outcome.Run.ToString());
    }

    [Fact]
    public async Task role_not_attached_fails_the_first_hop()
    {
        var outcome = await FailsWithAsync("role-not-authorized", w => GoodWorld(w.Provisioned()), w => w.AttachedRoles.Clear());

        Assert.Contains("could not assume the IAM role", outcome.Run.Summary(Probe));
        Assert.Contains($"server message: User arn:aws:redshift:eu-west-1:111122223333:dbuser:analytics/{outcome.User} is not authorized to assume IAM Role {ProbeConfigs.CustomerRole}", outcome.Run.Details(Probe));
        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains("Redshift could not assume it (first hop)", StringComparison.Ordinal));
        Assert.Contains(ProbeConfigs.CustomerRole, outcome.Run.Remediation(Probe));
        Assert.Equal(["role-not-authorized"], outcome.ErrorKinds);
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task trust_policy_without_redshift_fails_the_first_hop()
    {
        var outcome = await FailsWithAsync("role-not-authorized", w => GoodWorld(w.Provisioned()), w => w.Role(ProbeConfigs.CustomerRole).TrustedServices.Clear());

        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains("(first hop)", StringComparison.Ordinal));
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task external_id_for_another_database_user_fails_the_first_hop()
    {
        var outcome = await FailsWithAsync("role-not-authorized", w => GoodWorld(w.Provisioned()),
            w => w.Role(ProbeConfigs.CustomerRole).ExternalIds = [w.DbUserArn("etl_user")]);

        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains($"is not authorized to assume IAM Role {ProbeConfigs.CustomerRole}", StringComparison.Ordinal));
        Assert.Contains("sts:ExternalId", outcome.Run.Remediation(Probe));
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task serverless_role_without_the_serverless_principal_cannot_give_credentials()
    {
        var outcome = await FailsWithAsync("serverless-trust", w => GoodWorld(w.Serverless()),
            w => w.Role(ProbeConfigs.CustomerRole).TrustedServices.Remove(AwsWorld.ServerlessService));

        Assert.Contains("could not get credentials for the role", outcome.Run.Summary(Probe));
        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains($"Not authorized to get credentials of role {ProbeConfigs.CustomerRole}", StringComparison.Ordinal));
        Assert.Contains("redshift-serverless.amazonaws.com", outcome.Run.Remediation(Probe));
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task customer_role_not_allowed_to_assume_cargos_role_fails_the_second_hop()
    {
        var outcome = await FailsWithAsync("role-not-authorized", w => GoodWorld(w.Provisioned()), w => w.Role(ProbeConfigs.CustomerRole).MayAssume.Clear());

        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains($"is not authorized to assume IAM Role {ProbeConfigs.CargoRole}", StringComparison.Ordinal));
        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains("could not assume Cargo's role (second hop)", StringComparison.Ordinal));
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task cargos_role_not_trusting_the_customer_fails_the_second_hop()
    {
        var outcome = await FailsWithAsync("role-not-authorized", w => GoodWorld(w.Provisioned()), w => w.Role(ProbeConfigs.CargoRole).TrustedPrincipals.Clear());

        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains("(second hop)", StringComparison.Ordinal));
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task assumerole_control_without_a_grant_is_fixed_by_the_printed_grant()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => GoodWorld(w.Provisioned()));
        // A superuser switches ASSUMEROLE control on (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html).
        await standIn.ExecuteAsync(scenario.Database, "REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL;");

        var refused = await RunAsync(standIn, scenario);
        // The printed fix, run as Redshift SQL by a superuser through the stand-in.
        var grant = System.Text.RegularExpressions.Regex.Match(refused.Remediation(Probe), @"GRANT ASSUMEROLE ON '(?<chain>[^']+)' TO ""(?<user>[^""]+)"" FOR COPY, UNLOAD;");
        Assert.True(grant.Success, refused.Remediation(Probe));
        await standIn.ExecuteAsync(scenario.Database, grant.Value);
        var fixedRun = await RunAsync(standIn, scenario);

        Assert.True("fail" == refused.Status(Probe), refused.ToString());
        Assert.Equal(["grant-assumerole"], refused.RemediationKeys(Probe));
        Assert.Contains("ASSUMEROLE control is switched on", refused.Summary(Probe));
        Assert.Contains($"server message: User {scenario.User} does not have ASSUMEROLE permission on IAM role \"{ProbeConfigs.CustomerRole},{ProbeConfigs.CargoRole}\" for UNLOAD", refused.Details(Probe));
        Assert.True("pass" == fixedRun.Status(Probe), fixedRun.ToString());
        Assert.Equal([$"s3://{ProbeConfigs.Bucket}/{fixedRun.KeyPrefix}000"], standIn.S3.AllObjects());
        Assert.Empty(standIn.Faults);
    }

    [Theory]
    [InlineData("GRANT ASSUMEROLE ON ALL TO {0} FOR ALL;", "pass")]
    [InlineData("CREATE GROUP {1} WITH USER {0}; GRANT ASSUMEROLE ON '{2}' TO GROUP {1} FOR COPY, UNLOAD;", "pass")]
    [InlineData("GRANT ASSUMEROLE ON '{2}' TO {0} FOR COPY;", "fail")]
    public async Task the_stand_in_asks_the_emulation_for_the_assumerole_grant(string grant, string status)
    {
        // Every GRANT ASSUMEROLE form of https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html lands in the one
        // model RoleChainAuthorizer reads (has_assumerole_privilege); FOR COPY alone does not cover UNLOAD.
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => GoodWorld(w.Provisioned()));
        var user = Cargo.Doctor.Quoting.SqlQuote.Ident(scenario.User);
        var group = Cargo.Doctor.Quoting.SqlQuote.Ident(server.UniqueName("loaders"));
        await standIn.ExecuteAsync(scenario.Database, "REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; " + string.Format(
            System.Globalization.CultureInfo.InvariantCulture, grant, user, group, $"{ProbeConfigs.CustomerRole},{ProbeConfigs.CargoRole}"));

        var run = await RunAsync(standIn, scenario);

        Assert.True(status == run.Status(Probe), run.ToString());
        Assert.Empty(standIn.Faults);
    }

    [Fact]
    public async Task cargos_role_without_access_to_the_bucket_names_both_possible_sides_without_aws_facts()
    {
        // No --cluster: whether enhanced VPC routing (and so a VPC endpoint policy of the customer's) is in the way
        // is not known (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-working-with-endpoints.html).
        var outcome = await FailsWithAsync("s3-access-denied-vpc", w => GoodWorld(w.Provisioned()), w => w.Buckets[ProbeConfigs.Bucket].Writers.Clear());

        Assert.Contains("S3 refused access to Cargo's bucket", outcome.Run.Summary(Probe));
        Assert.Contains("Cargo's role policy or bucket policy", outcome.Run.Summary(Probe));
        Assert.Contains(outcome.Run.Details(Probe), d => d.StartsWith("server message: S3ServiceException:Access Denied,Status 403,Error AccessDenied", StringComparison.Ordinal));
        Assert.Contains(ProbeConfigs.Bucket, outcome.Run.Remediation(Probe));
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task bucket_in_another_region_without_region_is_redirected_and_the_printed_flag_fixes_it()
    {
        var outcome = await FailsWithAsync("bucket-region", w => GoodWorld(w.Provisioned()), w => w.Buckets[ProbeConfigs.Bucket].Region = "us-east-1");

        Assert.Contains("another AWS region", outcome.Run.Summary(Probe));
        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains("Error PermanentRedirect", StringComparison.Ordinal));
        Assert.Contains("--bucket-region", outcome.Run.Remediation(Probe));
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task bucket_that_does_not_exist()
    {
        var outcome = await FailsWithAsync("bucket-missing", w => GoodWorld(w.Provisioned()), w => w.Buckets.Clear());

        Assert.Contains("bucket does not exist", outcome.Run.Summary(Probe));
        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains("The specified bucket does not exist,Status 404,Error NoSuchBucket", StringComparison.Ordinal));
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task destination_already_holding_files_is_not_overwritten()
    {
        var outcome = await FailsWithAsync("destination-not-empty", w => GoodWorld(w.Provisioned()), arrange: standIn => standIn.BeforeStatement = s =>
        {
            if (s is UnloadStatement)
            {
                standIn.S3.Put(s.Bucket, s.KeyPrefix + "000", "someone else's file\n"u8.ToArray());
            }
        });

        Assert.Contains("already holds files", outcome.Run.Summary(Probe));
        Assert.Contains(outcome.Run.Details(Probe), d => d.Contains("Specified unload destination on S3 is not empty", StringComparison.Ordinal));
        Assert.Equal([$"s3://{ProbeConfigs.Bucket}/{outcome.Run.KeyPrefix}000"], outcome.Objects);
        Assert.Equal("someone else's file\n", outcome.FirstObjectText);
    }

    [Fact]
    public async Task copy_from_a_prefix_emptied_meanwhile_shows_the_server_message()
    {
        // The S3 objects disappear between UNLOAD and COPY (a lifecycle rule, someone cleaning up).
        // The classifier has no cause for this text: it is reported as "other", with the message.
        var outcome = await FailsWithAsync("other", w => GoodWorld(w.Provisioned()), arrange: standIn => standIn.BeforeStatement = s =>
        {
            if (s is CopyStatement)
            {
                foreach (var key in standIn.S3.List(s.Bucket, s.KeyPrefix))
                {
                    standIn.S3.Delete(s.Bucket, key);
                }
            }
        });

        Assert.Contains(outcome.Run.Details(Probe), d => d == "failed step: copy");
        Assert.Contains($"The specified S3 prefix '{outcome.Run.KeyPrefix}' does not exist", outcome.Run.Summary(Probe));
        Assert.Equal([null, "empty-prefix"], outcome.ErrorKinds);
        Assert.Empty(outcome.Objects);
    }

    [Fact]
    public async Task role_error_detail_with_code_8001_reaches_the_report()
    {
        // Needs WarehouseConnector to set "Include Error Detail=true" (the probe-hardening issue):
        // Npgsql replaces DETAIL with a redaction notice otherwise.
        var outcome = await FailsWithAsync("role-not-authorized", w => GoodWorld(w.Provisioned()), w => w.AttachedRoles.Clear());

        Assert.Contains(outcome.Run.Details(Probe), d => d.Trim() == "code:      8001");
        Assert.Contains(outcome.Run.Details(Probe), d => d.Trim() == $"context:   IAM Role={ProbeConfigs.CustomerRole}");
    }

    private string? CurrentUser { get; set; }

    private sealed record Outcome(RoundTripRun Run, string User, IReadOnlyList<string> Objects, IReadOnlyList<StandInStatement> Statements, string? FirstObjectText)
    {
        public IReadOnlyList<string?> ErrorKinds => Statements.Select(s => s.ErrorKind).ToList();
    }

    /// <summary>A ready warehouse, a stand-in with the world (changed by <paramref name="fault"/>), one CLI run; the warehouse must be left as it was.</summary>
    private async Task<Outcome> RunWorldAsync(Action<AwsWorld> world, Action<AwsWorld>? fault = null, Action<RedshiftStandIn>? arrange = null, string? bucketRegion = null)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        CurrentUser = scenario.User;
        await using var standIn = await RedshiftStandIn.StartAsync(server, world);
        fault?.Invoke(standIn.World);
        arrange?.Invoke(standIn);
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var run = await RoundTripCli.RunAsync(standIn, scenario, bucketRegion);

        Assert.Empty(standIn.Faults);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
        var objects = standIn.S3.AllObjects();
        var first = objects.Count == 0 ? null : objects[0]["s3://".Length..].Split('/', 2);
        return new Outcome(run, scenario.User, objects, standIn.Statements, first is null ? null : standIn.S3.GetText(first[0], first[1]));
    }

    private async Task<Outcome> FailsWithAsync(string remediationKey, Action<AwsWorld> world, Action<AwsWorld>? fault = null, Action<RedshiftStandIn>? arrange = null)
    {
        var outcome = await RunWorldAsync(world, fault, arrange);

        Assert.True("fail" == outcome.Run.Status(Probe), outcome.Run.ToString());
        Assert.Equal(1, outcome.Run.Process.ExitCode);
        Assert.Equal([remediationKey], outcome.Run.RemediationKeys(Probe));
        Assert.DoesNotContain(WarehouseScenario.Password, outcome.Run.Process.Stdout + outcome.Run.Process.Stderr);
        return outcome;
    }
}
