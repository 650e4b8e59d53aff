using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Sources.Probes;
using T = Cargo.Doctor.Tests.Sources.Probes.RedshiftErrorTexts;

namespace Cargo.Doctor.Tests.Checks.Probes;

/// <summary>
/// The generated UNLOAD/COPY run through <see cref="IProbeExecutor"/> against a fake answering with
/// Redshift's documented errors, then through the rule: the only untested step is Redshift itself.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RoundTripProbeTests
{
    private static readonly DoctorConfig Config = ProbeConfigs.WithRoundTrip(new DoctorConfig
    {
        Warehouse = new WarehouseConfig { Host = "example.redshift.amazonaws.com", Databases = ["dev"], User = "cargo_user" },
    });

    private static async Task<(ProbeFacts Probes, Finding Finding, FakeRedshiftExecutor Fake)> RunAsync(FakeRedshiftExecutor fake, AwsFacts? aws = null)
    {
        var plan = ProbePlan.Create(Config, DateTimeOffset.UtcNow);
        var probes = await new ProbeRunner(plan, _ => Task.FromResult<(IProbeExecutor?, string?)>((fake, null))).RunAsync(TestContext.Current.CancellationToken);
        var facts = new FactsSnapshot
        {
            ToolVersion = "test",
            StartedAt = DateTimeOffset.UtcNow,
            Target = Cargo.Doctor.Sources.FactsCollector.Describe(Config),
            Probes = probes,
            Aws = aws,
        };
        var finding = new CopyRoundTripProbeRule().Evaluate(new RuleContext(facts, WarehouseScenario.Catalog[CopyRoundTripProbeRule.Id]));
        return (probes, finding, fake);
    }

    [Fact]
    public async Task round_trip_runs_the_statements_in_order_and_passes_when_rows_match()
    {
        var (probes, finding, fake) = await RunAsync(new FakeRedshiftExecutor());

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains($"UNLOAD to s3://cargo-exchange-eu/acme/cargo-doctor/{probes.RunId}/", finding.Summary);
        var sql = new RoundTripSql(RoundTripTarget.FromConfig(Config)!, probes.RunId);
        var roundTrip = probes[CopyRoundTripProbeRule.Id]!;
        Assert.Equal([sql.CreateSource, sql.InsertRows, sql.Unload, sql.CreateCopy, sql.Copy, sql.SelectSource, sql.SelectCopy], roundTrip.Statements.Select(s => s.Sql));
        Assert.Equal(["create-source", "insert", "unload", "create-copy", "copy", "read-source", "read-copy"], roundTrip.Timings.Select(t => t.Step));
        Assert.Matches(@"\(UNLOAD [0-9.]+ m?s, COPY [0-9.]+ m?s\)", finding.Summary);
        // Schema and function probes ran first, through the same executor, and the schema was dropped before the round trip.
        var drop = fake.Statements.FindIndex(s => s.StartsWith("DROP SCHEMA IF EXISTS", StringComparison.Ordinal));
        Assert.True(drop > 0 && drop < fake.Statements.IndexOf(sql.CreateSource));
        Assert.Equal(fake.Statements, probes.Statements.Select(s => s.Sql));
        Assert.True(fake.Disposed);
        // What the model computed from the SQL: one serial object in the run's folder, five rows read back, no schema left.
        Assert.Equal([$"s3://cargo-exchange-eu/acme/cargo-doctor/{probes.RunId}/000"], fake.Model.S3.Keys);
        Assert.Contains("unloaded 5 row(s)", string.Join("\n", roundTrip.Observations));
        Assert.False(fake.Model.SchemaExists(probes.ScratchSchema!));
    }

    [Fact]
    public async Task rows_that_differ_fail_with_the_difference()
    {
        // Someone else rewrites the object between UNLOAD and COPY: fractions of a second lost, a NULL become ''.
        var (_, finding, _) = await RunAsync(new FakeRedshiftExecutor
        {
            BeforeStatement = (sql, model) =>
            {
                if (sql.StartsWith("COPY", StringComparison.Ordinal))
                {
                    var key = Assert.Single(model.S3.Keys);
                    model.S3[key] = model.S3[key].Replace(".123456", "", StringComparison.Ordinal)
                        .Replace("\n4,cargo-doctor-null,", "\n4,\"\",", StringComparison.Ordinal);
                }
            },
        });

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("read-copy step found a difference", finding.Summary);
        Assert.Contains(finding.Details, d => d.Contains("row 1, column 4: wrote '2024-02-29 23:59:59.123456', read back '2024-02-29 23:59:59.000000'", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.Contains("row 4, column 2: wrote NULL, read back ''", StringComparison.Ordinal));
        Assert.Equal("mismatch", finding.Remediation[0].Key);
    }

    [Fact]
    public async Task an_object_another_writer_left_in_the_run_folder_is_read_back_and_fails()
    {
        // COPY reads every object under the prefix (copy-parameters-data-source-s3.html), not only the one UNLOAD wrote.
        var (_, finding, _) = await RunAsync(new FakeRedshiftExecutor
        {
            BeforeStatement = (sql, model) =>
            {
                if (sql.StartsWith("COPY", StringComparison.Ordinal))
                {
                    model.S3[Assert.Single(model.S3.Keys) + "_extra"] = "6,stray,1,2024-01-01 00:00:00,t\n";
                }
            },
        });

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains(finding.Details, d => d.Contains("wrote 5 row(s), read back 6", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string, string> UnloadErrors => new()
    {
        { T.RoleNotAuthorized, "role-not-authorized", "role is not attached to the cluster", "iam.role-attached, iam.trust-policy" },
        { T.SecondHopNotAuthorized, "role-not-authorized", "role is not attached to the cluster", "could not assume Cargo's role (second hop)" },
        { T.ServerlessCredentials, "serverless-trust", "redshift-serverless.amazonaws.com", "iam.role-attached, iam.trust-policy" },
        { T.AssumeRolePermission, "grant-assumerole", "ASSUMEROLE control", "SQLSTATE: XX000" },
        { T.ServerlessSecondHop, "serverless-second-hop", "could not get credentials of Cargo's role", "could not assume Cargo's role (second hop)" },
        // Without AWS facts, enhanced VPC routing is not known: either side can refuse (issue 20 item 8).
        { T.S3AccessDenied, "s3-access-denied-vpc", "VPC endpoint policy", "if the warehouse uses enhanced VPC routing" },
        { T.WrongRegion, "bucket-region", "another AWS region", "Status 301" },
        { T.BucketMissing, "bucket-missing", "bucket does not exist", "NoSuchBucket" },
        { T.DestinationNotEmpty, "destination-not-empty", "already holds files", "ALLOWOVERWRITE" },
    };

    [Theory]
    [MemberData(nameof(UnloadErrors))]
    public async Task documented_unload_error_becomes_its_own_finding(string message, string key, string summaryPart, string detailPart)
    {
        var (probes, finding, fake) = await RunAsync(new FakeRedshiftExecutor { FailOn = "UNLOAD", ErrorMessage = message });

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.StartsWith("the unload step failed: ", finding.Summary);
        Assert.Contains(summaryPart, finding.Summary);
        Assert.Contains(finding.Details, d => d.Contains(detailPart, StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d == "server message: " + message.Split('\n')[0]);
        Assert.Contains(finding.Details, d => d.StartsWith("statement: UNLOAD ('SELECT", StringComparison.Ordinal));
        Assert.All(finding.Remediation, r => Assert.Equal(key, r.Key));
        Assert.NotEmpty(finding.Remediation);
        Assert.Equal(message, probes[CopyRoundTripProbeRule.Id]!.Error!.Message);
        Assert.DoesNotContain(fake.Statements, s => s.StartsWith("COPY", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "cargo-s3-access", "cause is on Cargo's side")]
    [InlineData(true, "s3-access-denied-vpc", "enhanced VPC routing is on")]
    public async Task s3_access_denied_names_the_vpc_endpoint_only_with_enhanced_vpc_routing(bool enhancedVpcRouting, string key, string detailPart)
    {
        // https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-working-with-endpoints.html: with enhanced VPC
        // routing, an S3 VPC endpoint policy of the customer's can refuse Cargo's bucket.
        var aws = new AwsFacts { Region = "eu-west-1", Target = new RedshiftTargetFacts { Kind = "cluster", Identifier = "c", EnhancedVpcRouting = enhancedVpcRouting } };

        var (_, finding, _) = await RunAsync(new FakeRedshiftExecutor { FailOn = "UNLOAD", ErrorMessage = T.S3AccessDenied }, aws);

        Assert.All(finding.Remediation, r => Assert.Equal(key, r.Key));
        Assert.Contains(finding.Details, d => d.Contains(detailPart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task assumerole_fix_grants_the_whole_chain_quoted()
    {
        var (_, finding, _) = await RunAsync(new FakeRedshiftExecutor { FailOn = "COPY", ErrorMessage = T.AssumeRolePermission });

        Assert.StartsWith("the copy step failed", finding.Summary);
        Assert.Contains(finding.Remediation, r => r.Kind == "sql" &&
            r.Text == $"GRANT ASSUMEROLE ON '{ProbeConfigs.CustomerRole},{ProbeConfigs.CargoRole}' TO \"cargo_user\" FOR COPY, UNLOAD;");
    }

    [Fact]
    public async Task role_error_points_to_the_aws_checks_in_the_report_when_they_ran()
    {
        var (_, finding, _) = await RunAsync(new FakeRedshiftExecutor { FailOn = "UNLOAD", ErrorMessage = T.RoleNotAuthorized }, new AwsFacts { Region = "eu-west-1" });

        Assert.Contains(finding.Details, d => d.Contains("see iam.role-attached, iam.trust-policy in this report", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.Contains("the error names your role", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.Contains("code:      8001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task unclassified_error_keeps_the_raw_message_and_the_generic_fix()
    {
        var (_, finding, _) = await RunAsync(new FakeRedshiftExecutor { FailOn = "COPY", ErrorMessage = "Load into table 'cargo_doctor_round_trip_copy' failed. Check 'stl_load_errors' system table for details." });

        Assert.Equal("the copy step failed: Load into table 'cargo_doctor_round_trip_copy' failed. Check 'stl_load_errors' system table for details.", finding.Summary);
        Assert.Equal("other", finding.Remediation[0].Key);
    }

    [Fact]
    public async Task replayed_facts_file_gives_the_same_finding()
    {
        var (probes, finding, _) = await RunAsync(new FakeRedshiftExecutor { FailOn = "UNLOAD", ErrorMessage = T.WrongRegion });
        var facts = new FactsSnapshot { ToolVersion = "t", StartedAt = DateTimeOffset.UtcNow, Target = Cargo.Doctor.Sources.FactsCollector.Describe(Config), Probes = probes };

        var replayed = FactsJson.Deserialize(FactsJson.Serialize(facts));
        var again = new CopyRoundTripProbeRule().Evaluate(new RuleContext(replayed, WarehouseScenario.Catalog[CopyRoundTripProbeRule.Id]));

        Assert.Equal(ProbeErrorCause.WrongRegion, replayed.Probes![CopyRoundTripProbeRule.Id]!.Error!.Cause);
        Assert.Equal(finding.Summary, again.Summary);
        Assert.Equal(finding.Details, again.Details);
    }

    [Fact]
    public async Task failed_leftover_search_is_noted_and_the_probes_still_run()
    {
        var (probes, finding, _) = await RunAsync(new FakeRedshiftExecutor { FailOn = "SELECT n.nspname", ErrorMessage = "permission denied for relation pg_user" });

        Assert.Equal("permission denied for relation pg_user", probes.LeftoverScanError);
        Assert.Contains(ProbeNotes.For(probes), n => n.StartsWith("could not look for scratch schemas", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.True(probes[SchemaCreateProbeRule.Id]!.Succeeded);
    }
}
