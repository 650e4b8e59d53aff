using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;

/// <summary>
/// One world, written both onto the AWS fake and into the stand-in: the static iam.* verdicts and the
/// live round trip must tell the same story, from one CLI run.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
[Trait("Category", "Aws")]
public sealed class StaticAndLiveAgreeTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Probe = RoundTripCli.Probe;

    [Fact]
    public async Task a_role_that_is_not_attached_fails_role_attached_and_the_round_trip_for_the_same_cause()
    {
        var (run, objects) = await RunAsync(attached: false);

        Assert.True("fail" == run.Status(RoleAttachedRule.Id), run.ToString());
        Assert.Equal("pass", run.Status(TrustPolicyRule.Id));
        Assert.Equal("pass", run.Status(AssumeCargoRoleRule.Id));
        Assert.Equal("fail", run.Status(Probe));
        Assert.Equal(["role-not-authorized"], run.RemediationKeys(Probe));
        Assert.Contains(run.Details(Probe), d => d.Contains($"is not authorized to assume IAM Role {CustomerRoleArn}", StringComparison.Ordinal));
        Assert.Contains("see iam.role-attached, iam.trust-policy in this report: they tell which cause it is", run.Details(Probe));
        Assert.Empty(objects);
    }

    [Fact]
    public async Task the_guides_world_passes_the_static_checks_and_the_round_trip()
    {
        var (run, objects) = await RunAsync(attached: true);

        Assert.True("pass" == run.Status(Probe), run.ToString());
        Assert.Equal("pass", run.Status(RoleAttachedRule.Id));
        Assert.Equal("pass", run.Status(TrustPolicyRule.Id));
        Assert.Equal("pass", run.Status(AssumeCargoRoleRule.Id));
        Assert.Equal([$"s3://{ProbeConfigs.Bucket}/{run.KeyPrefix}000"], objects);
    }

    private async Task<(RoundTripRun Run, IReadOnlyList<string> Objects)> RunAsync(bool attached)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => w
            .Provisioned(FakeAwsScenarios.ClusterId, "eu-west-1", AccountId)
            .CustomerRole(CustomerRoleArn, CargoRoleArn, attached: attached)
            .CargoRole(CargoRoleArn, trusts: CustomerRoleArn)
            .Bucket(ProbeConfigs.Bucket, "eu-west-1", readWrite: [CargoRoleArn]));
        using var fake = new FakeAwsEndpoint();
        standIn.World.ScriptOnto(fake, CustomerRoleArn, CargoRoleArn);

        var run = await RoundTripCli.RunAsync(
            standIn, scenario,
            extra: ["--cluster", FakeAwsScenarios.ClusterId, "--region", "eu-west-1"],
            env: new()
            {
                ["AWS_ENDPOINT_URL"] = fake.Url.ToString(),
                ["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.SecretKey,
            },
            customerRole: CustomerRoleArn,
            cargoRole: CargoRoleArn);

        Assert.Empty(fake.SigningProblems);
        Assert.Empty(standIn.Faults);
        return (run, standIn.S3.AllObjects());
    }
}
