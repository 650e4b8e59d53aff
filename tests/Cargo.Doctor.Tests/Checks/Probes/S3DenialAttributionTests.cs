using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Sources.Probes;
using T = Cargo.Doctor.Tests.Sources.Probes.RedshiftErrorTexts;

namespace Cargo.Doctor.Tests.Checks.Probes;

/// <summary>
/// probe.copy-round-trip's S3 AccessDenied, with the network facts read from the stateful fake account: S3 answers
/// AccessDenied for an endpoint policy as for the role chain
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html#troubleshoot-403-vpc); with
/// enhanced VPC routing on, the S3 gateway endpoint on the subnet's route table carries the request
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html,
/// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html). The finding names the endpoint policy,
/// the role chain, or both when the facts cannot tell.
/// </summary>
[Trait("Category", "Aws")]
public sealed class S3DenialAttributionTests : IDisposable
{
    private const string Bucket = ProbeConfigs.Bucket;

    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Theory]
    [InlineData("UNLOAD")]
    [InlineData("COPY")]
    public async Task endpoint_policy_limited_to_other_buckets_is_named_with_net_data_path_fix(string failOn)
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor("company-data"));

        var finding = await ProbeAsync(failOn);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.All(finding.Remediation, r => Assert.Equal(CopyRoundTripProbeRule.EndpointPolicyKey, r.Key));
        Assert.NotEmpty(finding.Remediation);
        Assert.Contains("the policy of S3 gateway endpoint vpce-0s3gw", finding.Summary);
        Assert.Contains($"does not allow {(failOn == "UNLOAD" ? "s3:PutObject" : "s3:GetObject, s3:ListBucket")} on {Bucket}", finding.Summary);
        Assert.Contains("the endpoint policy refuses it, not the role chain", finding.Summary);
        Assert.Contains(DataPathRule.Id, finding.Summary);
        Assert.Contains(finding.Details, d => d.StartsWith("cause is the S3 VPC endpoint policy of vpce-0s3gw", StringComparison.Ordinal));
        Assert.DoesNotContain("Cargo's role policy or bucket policy refuses it", finding.Summary);
    }

    [Fact]
    public async Task endpoint_policy_allowing_the_bucket_names_the_role_chain()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket));

        var finding = await ProbeAsync("UNLOAD");

        Assert.All(finding.Remediation, r => Assert.Equal(CopyRoundTripProbeRule.RoleChainKey, r.Key));
        Assert.NotEmpty(finding.Remediation);
        Assert.Contains("the refusal comes from the role chain", finding.Summary);
        Assert.Contains($"S3 gateway endpoint vpce-0s3gw (on subnet subnet-0a, route table {vpc.RouteTables.Single(t => t.IsMain).Id}) allows GetObject, PutObject, ListBucket and GetBucketLocation on {Bucket}", finding.Summary);
        Assert.Contains(finding.Details, d => d.StartsWith("cause is on Cargo's side", StringComparison.Ordinal));
        Assert.DoesNotContain("VPC endpoint policy in your VPC does not allow", finding.Summary);
    }

    [Fact]
    public async Task enhanced_vpc_routing_off_names_the_role_chain()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor("company-data"));

        var finding = await ProbeAsync("UNLOAD");

        Assert.All(finding.Remediation, r => Assert.Equal(CopyRoundTripProbeRule.RoleChainKey, r.Key));
        Assert.Contains("enhanced VPC routing is off", finding.Summary);
        Assert.Contains("the refusal comes from the role chain", finding.Summary);
    }

    [Fact]
    public async Task interface_endpoint_only_leaves_both_causes_open()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpoint());

        var finding = await ProbeAsync("UNLOAD");

        Assert.All(finding.Remediation, r => Assert.Equal(CopyRoundTripProbeRule.EitherKey, r.Key));
        Assert.Contains("S3 interface endpoint vpce-0s3if", finding.Summary);
        Assert.Contains("either a VPC endpoint policy in your VPC does not allow Cargo's bucket, or Cargo's role policy or bucket policy refuses it", finding.Summary);
    }

    [Fact]
    public async Task endpoint_allowing_the_failed_step_but_not_every_action_leaves_both_causes_open()
    {
        // UNLOAD's PutObject is allowed, GetObject is not: the endpoint did not refuse the UNLOAD, but it does not
        // clearly allow everything either, so no side is named.
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint($$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:PutObject","s3:ListBucket","s3:GetBucketLocation"],"Resource":["arn:aws:s3:::{{Bucket}}","arn:aws:s3:::{{Bucket}}/*"]}]}
            """);

        var finding = await ProbeAsync("UNLOAD");

        Assert.All(finding.Remediation, r => Assert.Equal(CopyRoundTripProbeRule.EitherKey, r.Key));
        Assert.Contains(finding.Details, d => d.Contains("does not allow s3:GetObject", StringComparison.Ordinal));
    }

    /// <summary>AWS facts collected from the fake (as `check --cluster` would), then the probes failing with S3's AccessDenied.</summary>
    private async Task<Finding> ProbeAsync(string failOn)
    {
        var aws = AwsScenario.Provisioned();
        var awsOnly = aws with { Cargo = aws.Cargo with { Bucket = Bucket, Prefix = "acme" } };
        var collected = await fake.CheckAsync(awsOnly);
        var withWarehouse = awsOnly with { Warehouse = new WarehouseConfig { Host = "example.redshift.amazonaws.com", Databases = ["dev"], User = "cargo_user" } };
        var executor = new FakeRedshiftExecutor { FailOn = failOn, ErrorMessage = T.S3AccessDenied };
        var probes = await new ProbeRunner(ProbePlan.Create(withWarehouse, DateTimeOffset.UtcNow), _ => Task.FromResult<(IProbeExecutor?, string?)>((executor, null)))
            .RunAsync(TestContext.Current.CancellationToken);
        var facts = collected.Facts with { Probes = probes };
        var finding = new CopyRoundTripProbeRule().Evaluate(new RuleContext(facts, WarehouseScenario.Catalog[CopyRoundTripProbeRule.Id]));
        Assert.True(finding.Status == CheckStatus.Fail, finding.Text());
        Assert.StartsWith($"the {failOn.ToLowerInvariant()} step failed: ", finding.Summary);
        return finding;
    }
}
