using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Sources.Aws;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Setup;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>
/// Evidence folders for the network checks, written by the real aws CLI against the stateful fake with the commands the
/// evidence README lists, give the same facts and verdicts as the live API path for the same state.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class NetworkEvidenceTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly string folder = Directory.CreateTempSubdirectory("net-evidence-").FullName;

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    public static TheoryData<string> States() => ["good", "nat", "private", "acl-deny", "no-ephemeral", "s3-endpoints", "s3-interface-dns"];

    [Theory]
    [MemberData(nameof(States))]
    public async Task evidence_written_by_the_cli_gives_the_same_network_verdicts_as_the_api(string state)
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        switch (state)
        {
            case "nat": vpc.DefaultRouteToNat(); break;
            case "private": vpc.PrivateOnlySubnet(); break;
            case "acl-deny": vpc.AclDenyBeforeAllow(); break;
            case "no-ephemeral": vpc.AclWithoutEphemeralOutbound(); break;
            case "s3-endpoints": vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor("other-bucket")).Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpoint()); break;
            case "s3-interface-dns": vpc.Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpointWithPrivateDns(FakeAwsVpcScenarios.BucketPolicyFor("other-bucket"), inboundOnly: false)); break;
        }

        var api = await fake.CheckAsync(AwsScenario.Provisioned());
        await WriteEvidenceAsync();
        var evidence = await CheckEvidenceAsync();

        Assert.Equal(Json(api.Facts.Aws!.Network!), Json(evidence.Facts.Aws!.Network!));
        Assert.Equal(vpc.Endpoints.Select(e => (e.Id, e.Type, e.Policy, string.Join(",", e.RouteTableIds))),
            evidence.Facts.Aws!.Network!.VpcEndpoints!.Select(e => (e.VpcEndpointId, e.Type!, e.PolicyDocument ?? "", string.Join(",", e.RouteTableIds))));
        Assert.Equal(Verdicts(api), Verdicts(evidence));
        Assert.Equal(state is "good" or "s3-endpoints" or "s3-interface-dns", Verdicts(evidence).All(v => v.Status == CheckStatus.Pass));
        if (state == "s3-interface-dns")
        {
            Assert.False(evidence.Facts.Aws!.Network!.VpcEndpoints!.Single().PrivateDnsOnlyForInboundResolverEndpoint);
        }
    }

    [Fact]
    public async Task evidence_gives_the_same_nat_route_fix_for_a_bucket_in_another_region_as_the_api()
    {
        OtherRegionBucketWithPublicNat();
        var api = await fake.CheckAsync(OtherRegionConfig(AwsScenario.Provisioned()));
        await WriteEvidenceAsync();

        var evidence = await CheckEvidenceAsync(bucketRegion: "us-east-1");

        Assert.Equal(Json(api.Facts.Aws!.Network!), Json(evidence.Facts.Aws!.Network!));
        Assert.Equal(["nat-0public"], evidence.Facts.Aws!.Network!.NatGateways!.Select(n => n.NatGatewayId));
        var (live, read) = (api[DataPathRule.Id], evidence[DataPathRule.Id]);
        Assert.Equal(CheckStatus.Fail, read.Status);
        Assert.Equal((live.Status, live.Summary, live.Sh()), (read.Status, read.Summary, read.Sh()));
        Assert.Contains("--nat-gateway-id 'nat-0public'", read.Sh());
    }

    [Fact]
    public async Task a_missing_nat_gateway_evidence_file_keeps_the_text_remedy()
    {
        OtherRegionBucketWithPublicNat();
        await WriteEvidenceAsync();
        File.Delete(Path.Combine(folder, AwsEvidenceNetworkFiles.DescribeNatGateways));

        var evidence = await CheckEvidenceAsync(bucketRegion: "us-east-1");

        var finding = evidence[DataPathRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains(finding.Remediation, r => r.Text.ReplaceLineEndings(" ").Contains("Route `0.0.0.0/0` from rtb-0private to a NAT gateway in a public subnet", StringComparison.Ordinal));
        Assert.DoesNotContain("create-route", finding.Sh());
        Assert.Null(evidence.Facts.Aws!.Network!.NatGateways);
        Assert.Contains("describe-nat-gateways", evidence.Facts.Aws!.Network!.NatGatewaysGap!.Reason);
        Assert.Equal(CheckStatus.Pass, evidence[RouteRule.Id].Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task serverless_evidence_reads_the_workgroups_network_interfaces_as_the_api_does(bool publicIp)
    {
        var (_, _, vpc) = fake.PublicWorkgroupInVpc();
        if (!publicIp)
        {
            vpc.NetworkInterfaces["eni-0wg"] = vpc.NetworkInterfaces["eni-0wg"] with { PublicIp = null };
        }

        var api = await fake.CheckAsync(AwsScenario.Serverless());
        var script = Path.Combine(folder, "collect.sh");
        var filter = "Name=vpc-id,Values=vpc-0abc";
        await File.WriteAllTextAsync(script, $"""
            set -euo pipefail
            cd '{folder}'
            aws redshift-serverless get-workgroup --workgroup-name {WorkgroupName} --region eu-west-1 --output json > get-workgroup.json
            aws redshift-serverless get-namespace --namespace-name {NamespaceName} --region eu-west-1 --output json > get-namespace.json
            aws ec2 describe-network-interfaces --network-interface-ids eni-0wg --region eu-west-1 --output json > describe-network-interfaces.json
            aws ec2 describe-subnets --subnet-ids subnet-0a subnet-0b --region eu-west-1 --output json > describe-subnets.json
            aws ec2 describe-route-tables --filters '{filter}' --region eu-west-1 --output json > describe-route-tables.json
            aws ec2 describe-network-acls --filters '{filter}' --region eu-west-1 --output json > describe-network-acls.json
            aws ec2 describe-internet-gateways --filters 'Name=attachment.vpc-id,Values=vpc-0abc' --region eu-west-1 --output json > describe-internet-gateways.json
            aws ec2 describe-vpc-endpoints --filters '{filter}' --region eu-west-1 --output json > describe-vpc-endpoints.json
            aws ec2 describe-nat-gateways --filter '{filter}' --region eu-west-1 --output json > describe-nat-gateways.json
            """, TestContext.Current.CancellationToken);
        var run = await AwsCliScript.RunAsync(script, fake);
        Assert.True(run.ExitCode == 0, run.ToString());

        var config = new DoctorConfig
        {
            Aws = new AwsConfig { EvidenceDir = folder, Workgroup = WorkgroupName, RoleArn = CustomerRoleArn },
            Cargo = new CargoConfig { Ips = [CargoIpCidr], RoleArn = CargoRoleArn },
        };
        var facts = await new FactsCollector(config, null, resolveHost: FakeDns.Public.ResolveAsync).CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var evidence = new CheckResult(facts, AwsScenario.Run(facts), 0);

        Assert.Equal(Json(api.Facts.Aws!.Network!), Json(evidence.Facts.Aws!.Network!));
        Assert.Equal(publicIp ? ["54.170.0.20"] : [], evidence.Facts.Aws!.Network!.PublicAddresses);
        Assert.Equal(Verdicts(api), Verdicts(evidence));
        Assert.Equal(publicIp ? CheckStatus.Pass : CheckStatus.Fail, evidence[RouteRule.Id].Status);
    }

    /// <summary>The network commands of samples/aws-evidence/README.md, run with the real CLI (the IAM files are left out: their checks are not compared).</summary>
    private async Task WriteEvidenceAsync()
    {
        var script = Path.Combine(folder, "collect.sh");
        var vpc = "Name=vpc-id,Values=vpc-0abc";
        await File.WriteAllTextAsync(script, $"""
            set -euo pipefail
            cd '{folder}'
            aws redshift describe-clusters --cluster-identifier {ClusterId} --region eu-west-1 --output json > describe-clusters.json
            aws redshift describe-cluster-subnet-groups --cluster-subnet-group-name {FakeVpcResponses.SubnetGroupName} --region eu-west-1 --output json > describe-cluster-subnet-groups.json
            aws ec2 describe-subnets --subnet-ids subnet-0a subnet-0b --region eu-west-1 --output json > describe-subnets.json
            aws ec2 describe-route-tables --filters '{vpc}' --region eu-west-1 --output json > describe-route-tables.json
            aws ec2 describe-network-acls --filters '{vpc}' --region eu-west-1 --output json > describe-network-acls.json
            aws ec2 describe-internet-gateways --filters 'Name=attachment.vpc-id,Values=vpc-0abc' --region eu-west-1 --output json > describe-internet-gateways.json
            aws ec2 describe-vpc-endpoints --filters '{vpc}' --region eu-west-1 --output json > describe-vpc-endpoints.json
            aws ec2 describe-nat-gateways --filter '{vpc}' --region eu-west-1 --output json > describe-nat-gateways.json
            """, TestContext.Current.CancellationToken);
        var run = await AwsCliScript.RunAsync(script, fake);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(fake.SigningProblems);
    }

    /// <summary>Enhanced VPC routing on, subnet-0a's table with the S3 gateway endpoint and Cargo's /32 but no default route, a public NAT gateway in a public subnet.</summary>
    private void OtherRegionBucketWithPublicNat()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet().RouteTables.Single(t => t.Id == "rtb-0private").Routes.Add(new FakeRoute("3.248.0.10/32", "igw-0main"));
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor("cargo-exchange")).Endpoints.Single().RouteTableIds[0] = "rtb-0private";
        vpc.NatGatewayInPublicSubnet();
    }

    private static DoctorConfig OtherRegionConfig(DoctorConfig config) =>
        config with { Cargo = config.Cargo with { Bucket = "cargo-exchange", BucketRegion = "us-east-1" } };

    private async Task<CheckResult> CheckEvidenceAsync(string? bucketRegion = null)
    {
        var config = new DoctorConfig
        {
            Aws = new AwsConfig { EvidenceDir = folder, ClusterIdentifier = ClusterId, RoleArn = CustomerRoleArn },
            Cargo = new CargoConfig { Ips = [CargoIpCidr], RoleArn = CargoRoleArn },
        };
        if (bucketRegion is not null)
        {
            config = OtherRegionConfig(config);
        }

        var facts = await new FactsCollector(config, null, resolveHost: FakeDns.Public.ResolveAsync).CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        return new CheckResult(facts, AwsScenario.Run(facts), 0);
    }

    private static string Json(NetworkFacts network) => System.Text.Json.JsonSerializer.Serialize(network, FactsJson.Options);

    private static List<(string CheckId, CheckStatus Status, string Summary)> Verdicts(CheckResult result) =>
        result.Findings.Where(f => f.CheckId is RouteRule.Id or NetworkAclRule.Id).Select(f => (f.CheckId, f.Status, f.Summary)).ToList();
}
