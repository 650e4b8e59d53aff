using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Setup;

namespace Cargo.Doctor.Tests.Checks.Net;

/// <summary>
/// net.data-path against the stateful fake account's VPC: enhanced VPC routing on needs an S3 path for Cargo's bucket
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html), and the endpoint-policy fix, run with the
/// real aws CLI against the fake, adds one statement and keeps the others.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class DataPathScenarioTests : IDisposable
{
    private const string Bucket = "cargo-exchange";

    private readonly FakeAwsEndpoint fake = new();
    private readonly string folder = Directory.CreateTempSubdirectory("net-data-path-").FullName;

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task enhanced_vpc_routing_off_passes_saying_traffic_uses_the_internet()
    {
        fake.PublicClusterInVpc();

        var finding = (await fake.CheckAsync(Config()))[DataPathRule.Id];

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("enhanced VPC routing is off: COPY and UNLOAD reach S3 over the internet", finding.Summary);
    }

    [Fact]
    public async Task enhanced_vpc_routing_without_any_s3_path_fails_alone_and_the_fix_creates_a_gateway_endpoint_for_cargos_bucket()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet().RouteTables.Single(t => t.Id == "rtb-0private").Routes.Add(new FakeRoute("3.248.0.10/32", "igw-0main"));

        var before = await fake.CheckAsync(Config());
        var finding = before[DataPathRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("subnet subnet-0a, route table rtb-0private has no S3 gateway endpoint and no NAT or internet route", finding.Summary);
        Assert.Contains("bucket cargo-exchange taken to be in the warehouse's region eu-west-1 (no --bucket-region given)", finding.Details);
        Assert.Contains(finding.Remediation, r => r.Text.ReplaceLineEndings(" ").Contains("Create an S3 gateway endpoint (`com.amazonaws.eu-west-1.s3`, no charge)", StringComparison.Ordinal));
        Assert.Contains("aws ec2 create-vpc-endpoint --vpc-id 'vpc-0abc' --vpc-endpoint-type Gateway --service-name 'com.amazonaws.eu-west-1.s3' --route-table-ids 'rtb-0private'", finding.Sh());
        Assert.All(before.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(DataPathRule.Id, f.CheckId));
        var tablesBefore = vpc.RouteTables.Select(t => (t.Id, Routes: string.Join(",", t.Routes), Subnets: string.Join(",", t.SubnetIds))).ToList();

        await RunFixAsync(before);

        var created = Assert.Single(vpc.Endpoints);
        Assert.Equal(["rtb-0private"], created.RouteTableIds);
        Assert.Equal("com.amazonaws.eu-west-1.s3", created.ServiceName);
        Assert.Contains("arn:aws:s3:::cargo-exchange/customers/acme", created.Policy);
        Assert.Equal(tablesBefore, vpc.RouteTables.Select(t => (t.Id, Routes: string.Join(",", t.Routes), Subnets: string.Join(",", t.SubnetIds))).ToList());
        var after = (await fake.CheckAsync(Config()))[DataPathRule.Id];
        Assert.True(after.Status == CheckStatus.Pass, after.Text());
    }

    [Fact]
    public async Task a_table_without_the_vpcs_s3_gateway_endpoint_gets_it_associated_keeping_its_other_tables()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet().RouteTables.Single(t => t.Id == "rtb-0private").Routes.Add(new FakeRoute("3.248.0.10/32", "igw-0main"));
        var seen = FakeAwsVpcScenarios.BucketPolicyFor(Bucket);
        vpc.S3GatewayEndpoint(seen);
        var endpoint = vpc.Endpoints.Single();
        var main = vpc.RouteTables.Single(t => t.IsMain).Id;

        var before = await fake.CheckAsync(Config());
        var finding = before[DataPathRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("aws ec2 modify-vpc-endpoint --vpc-endpoint-id 'vpce-0s3gw' --add-route-table-ids 'rtb-0private'", finding.Sh());
        Assert.DoesNotContain("create-vpc-endpoint", finding.Sh());
        Assert.All(before.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(DataPathRule.Id, f.CheckId));

        await RunFixAsync(before);

        Assert.Single(vpc.Endpoints);
        Assert.Equal([main, "rtb-0private"], endpoint.RouteTableIds);
        Assert.Equal(seen, endpoint.Policy);
        var after = (await fake.CheckAsync(Config()))[DataPathRule.Id];
        Assert.True(after.Status == CheckStatus.Pass, after.Text());
    }

    [Fact]
    public async Task the_create_endpoint_fix_stops_when_the_vpc_got_an_s3_gateway_endpoint_since_the_check()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet();
        var before = await fake.CheckAsync(Config());
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor("made-meanwhile"));

        var run = await RunScriptAsync(before);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("stopped: VPC vpc-0abc has an S3 gateway endpoint now, which cargo-doctor did not see", run.ToString());
        Assert.Single(vpc.Endpoints);
    }

    [Fact]
    public async Task gateway_endpoint_allowing_the_bucket_passes()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet();
        vpc.RouteTables.Single(t => t.Id == "rtb-0private").Routes.Add(new FakeRoute("pl-0s3", "vpce-0s3gw"));
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket)).Endpoints.Single().RouteTableIds[0] = "rtb-0private";

        var finding = (await fake.CheckAsync(Config()))[DataPathRule.Id];

        Assert.True(finding.Status == CheckStatus.Pass, finding.Text());
        Assert.Contains("S3 gateway endpoint vpce-0s3gw on rtb-0private allows GetObject, PutObject, ListBucket and GetBucketLocation", finding.Summary);
        Assert.Contains(DataPathRule.NotChecked, finding.Details);
    }

    [Fact]
    public async Task bucket_in_another_region_with_only_a_gateway_endpoint_fails()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet();
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket)).Endpoints.Single().RouteTableIds[0] = "rtb-0private";

        var finding = (await fake.CheckAsync(Config(bucketRegion: "us-east-1")))[DataPathRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("the bucket is in us-east-1 but the S3 gateway endpoint serves eu-west-1 only", finding.Summary);
        Assert.Contains("bucket cargo-exchange in us-east-1", finding.Details);
    }

    [Fact]
    public async Task a_bucket_in_another_region_fails_alone_and_the_fix_routes_the_table_to_the_vpcs_public_nat_gateway()
    {
        var vpc = OtherRegionBucketBehindGatewayEndpoint().NatGatewayInPublicSubnet();

        var before = await fake.CheckAsync(Config(bucketRegion: "us-east-1"));
        var finding = before[DataPathRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("the bucket is in us-east-1 but the S3 gateway endpoint serves eu-west-1 only", finding.Summary);
        Assert.All(before.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(DataPathRule.Id, f.CheckId));
        Assert.Contains(finding.Remediation, r => r.Text.ReplaceLineEndings(" ").Contains(
            "NAT gateway nat-0public (public, available) in subnet subnet-0nat, whose route table rtb-0main sends `0.0.0.0/0` to internet gateway igw-0main", StringComparison.Ordinal));
        Assert.Contains(finding.Remediation, r => r.Text.ReplaceLineEndings(" ").Contains("all internet-bound traffic of every subnet that uses rtb-0private", StringComparison.Ordinal)
            && r.Text.ReplaceLineEndings(" ").Contains("charged per hour and per GB", StringComparison.Ordinal));
        Assert.Contains("aws ec2 create-route --route-table-id 'rtb-0private' --destination-cidr-block 0.0.0.0/0 --nat-gateway-id 'nat-0public' --region 'eu-west-1'", finding.Sh());
        var others = Snapshot(vpc, except: "rtb-0private");
        var privateRoutes = vpc.RouteTables.Single(t => t.Id == "rtb-0private").Routes.ToList();

        await RunFixAsync(before);

        Assert.Equal(others, Snapshot(vpc, except: "rtb-0private"));
        Assert.Equal([.. privateRoutes, new FakeRoute("0.0.0.0/0", "nat-0public")], vpc.RouteTables.Single(t => t.Id == "rtb-0private").Routes);
        var after = await fake.CheckAsync(Config(bucketRegion: "us-east-1"));
        Assert.True(after[DataPathRule.Id].Status == CheckStatus.Pass, after[DataPathRule.Id].Text());
        Assert.Contains("through NAT gateway nat-0public", after[DataPathRule.Id].Summary);
        Assert.DoesNotContain(after.Findings, f => f.Status == CheckStatus.Fail);
    }

    [Fact]
    public async Task a_private_nat_gateway_cannot_reach_the_internet_so_the_remedy_stays_text()
    {
        OtherRegionBucketBehindGatewayEndpoint().NatGatewayInPublicSubnet(connectivityType: "private");

        var finding = (await fake.CheckAsync(Config(bucketRegion: "us-east-1")))[DataPathRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains(finding.Remediation, r => r.Text.ReplaceLineEndings(" ").Contains("Route `0.0.0.0/0` from rtb-0private to a NAT gateway in a public subnet", StringComparison.Ordinal));
        Assert.DoesNotContain("create-route", finding.Sh());
    }

    [Fact]
    public async Task the_nat_route_fix_stops_when_the_table_got_a_default_route_since_the_check()
    {
        var vpc = OtherRegionBucketBehindGatewayEndpoint().NatGatewayInPublicSubnet();
        var before = await fake.CheckAsync(Config(bucketRegion: "us-east-1"));
        Assert.Contains("create-route", before[DataPathRule.Id].Sh());
        var table = vpc.RouteTables.Single(t => t.Id == "rtb-0private");
        table.Routes.Add(new FakeRoute("0.0.0.0/0", "igw-0main"));
        var seen = table.Routes.ToList();

        var run = await RunScriptAsync(before);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("stopped: route table rtb-0private has a 0.0.0.0/0 route now, which cargo-doctor did not see", run.ToString());
        Assert.Equal(seen, table.Routes);
    }

    [Fact]
    public async Task a_nat_route_serves_a_bucket_in_another_region()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.DefaultRouteToNat().S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket));

        var finding = (await fake.CheckAsync(Config(bucketRegion: "us-east-1")))[DataPathRule.Id];

        Assert.True(finding.Status == CheckStatus.Pass, finding.Text());
        Assert.Contains("through NAT gateway nat-0egress", finding.Summary);
    }

    [Fact]
    public async Task another_subnet_of_the_group_without_an_s3_path_only_warns()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket));
        var table = new FakeRouteTable("rtb-0b", isMain: false);
        table.Routes.Add(new FakeRoute("10.0.0.0/16", "local", Origin: "CreateRouteTable"));
        table.SubnetIds.Add("subnet-0b");
        vpc.RouteTables.Add(table);

        var finding = (await fake.CheckAsync(Config()))[DataPathRule.Id];

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.StartsWith("1 other subnet(s) of the subnet group have no S3 path for cargo-exchange: a failover there would cut COPY/UNLOAD off", finding.Summary);
        Assert.Contains("subnet subnet-0b (in the subnet group, not where the warehouse runs now), route table rtb-0b: no S3 gateway endpoint for eu-west-1; no 0.0.0.0/0 route", finding.Details);
        Assert.Contains(finding.Remediation, r => r.Text.ReplaceLineEndings(" ").Contains("rtb-0b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task interface_endpoint_without_private_dns_and_no_other_path_is_unknown()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet().Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpoint());

        var finding = (await fake.CheckAsync(Config()))[DataPathRule.Id];

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains("S3 interface endpoint vpce-0s3if has private DNS off, so s3.eu-west-1.amazonaws.com does not resolve to it in the VPC", finding.Summary);
        Assert.Contains("endpoint-specific DNS names, which no page says Redshift uses", finding.Summary);
    }

    [Fact]
    public async Task interface_endpoint_without_private_dns_leaves_the_nat_route_deciding_and_says_so()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.DefaultRouteToNat().Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpoint());

        var finding = (await fake.CheckAsync(Config()))[DataPathRule.Id];

        Assert.True(finding.Status == CheckStatus.Pass, finding.Text());
        Assert.Contains("through NAT gateway nat-0egress", finding.Summary);
        Assert.Contains("subnet subnet-0a, route table rtb-0main: S3 interface endpoint vpce-0s3if has private DNS off, so s3.eu-west-1.amazonaws.com does not resolve to it in the VPC",
            finding.Details);
    }

    [Fact]
    public async Task interface_endpoint_with_private_dns_for_every_request_and_an_allowing_policy_passes()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet().Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpointWithPrivateDns(FakeAwsVpcScenarios.BucketPolicyFor(Bucket), inboundOnly: false));

        var finding = (await fake.CheckAsync(Config()))[DataPathRule.Id];

        Assert.True(finding.Status == CheckStatus.Pass, finding.Text());
        Assert.Contains("S3 interface endpoint vpce-0s3if (private DNS) allows GetObject, PutObject, ListBucket and GetBucketLocation", finding.Summary);
    }

    [Fact]
    public async Task interface_endpoint_with_private_dns_decides_over_the_gateway_endpoint_and_its_limited_policy_fails_until_fixed()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        var endpoint = FakeAwsVpcScenarios.S3InterfaceEndpointWithPrivateDns(FakeAwsVpcScenarios.BucketPolicyFor("other-bucket"), inboundOnly: false);
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket)).Endpoints.Add(endpoint);

        var before = await fake.CheckAsync(Config());
        var finding = before[DataPathRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("the policy of endpoint vpce-0s3if does not allow s3:GetObject, s3:PutObject, s3:ListBucket, s3:GetBucketLocation on cargo-exchange", finding.Summary);
        Assert.Contains("aws ec2 modify-vpc-endpoint --vpc-endpoint-id 'vpce-0s3if' --policy-document", finding.Sh());
        Assert.All(before.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(DataPathRule.Id, f.CheckId));

        await RunFixAsync(before);

        Assert.Contains(DataPathRule.StatementSid, endpoint.Policy);
        var after = (await fake.CheckAsync(Config()))[DataPathRule.Id];
        Assert.True(after.Status == CheckStatus.Pass, after.Text());
    }

    [Fact]
    public async Task interface_endpoint_with_private_dns_for_inbound_resolvers_only_leaves_the_gateway_endpoint_deciding()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket))
            .Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpointWithPrivateDns(FakeAwsVpcScenarios.BucketPolicyFor("other-bucket"), inboundOnly: true));

        var finding = (await fake.CheckAsync(Config()))[DataPathRule.Id];

        Assert.True(finding.Status == CheckStatus.Pass, finding.Text());
        Assert.Contains("S3 gateway endpoint vpce-0s3gw on rtb-0main allows", finding.Summary);
        Assert.Contains(finding.Details, d => d.Contains("private DNS for inbound resolver endpoints only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task interface_endpoint_with_private_dns_but_no_dns_options_is_unknown_saying_what_to_check()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket))
            .Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpointWithPrivateDns(FakeAwsVpcScenarios.BucketPolicyFor(Bucket), inboundOnly: null));

        var finding = (await fake.CheckAsync(Config()))[DataPathRule.Id];

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains("has private DNS on, but AWS did not say whether only for inbound resolver endpoints", finding.Summary);
        Assert.Contains("check aws ec2 describe-vpc-endpoints --vpc-endpoint-ids vpce-0s3if", finding.Summary);
    }

    [Fact]
    public async Task endpoint_policy_for_other_buckets_fails_and_the_fix_adds_one_statement_keeping_the_others()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        var seen = FakeAwsVpcScenarios.BucketPolicyFor("other-bucket");
        vpc.S3GatewayEndpoint(seen);
        var endpoint = vpc.Endpoints.Single();

        var before = await fake.CheckAsync(Config());
        var finding = before[DataPathRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("the policy of endpoint vpce-0s3gw does not allow s3:GetObject, s3:PutObject, s3:ListBucket, s3:GetBucketLocation on cargo-exchange", finding.Summary);
        Assert.Contains("aws ec2 modify-vpc-endpoint --vpc-endpoint-id 'vpce-0s3gw' --policy-document", finding.Sh());
        Assert.All(before.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(DataPathRule.Id, f.CheckId));

        await RunFixAsync(before);

        using var policy = System.Text.Json.JsonDocument.Parse(endpoint.Policy);
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.GetProperty("Sid").GetString()).ToList();
        Assert.Equal(["Logs", "Data", DataPathRule.StatementSid], statements);
        var after = (await fake.CheckAsync(Config()))[DataPathRule.Id];
        Assert.True(after.Status == CheckStatus.Pass, after.Text());
    }

    [Fact]
    public async Task the_fix_stops_when_the_endpoint_policy_changed_since_the_check()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor("other-bucket"));
        var endpoint = vpc.Endpoints.Single();
        var before = await fake.CheckAsync(Config());
        var changed = FakeAwsVpcScenarios.BucketPolicyFor("changed-meanwhile");
        endpoint.Policy = changed;

        var run = await RunScriptAsync(before);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("stopped: the policy of VPC endpoint vpce-0s3gw changed since cargo-doctor read it", run.ToString());
        Assert.Equal(changed, endpoint.Policy);
    }

    [Fact]
    public async Task the_number_of_calls_does_not_grow_with_the_number_of_endpoints_or_nat_gateways()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket));
        await fake.CheckAsync(Config());
        var few = fake.Requests.Count;

        for (var n = 0; n < 30; n++)
        {
            vpc.Endpoints.Add(new FakeVpcEndpoint($"vpce-0other{n}", $"com.amazonaws.eu-west-1.service{n}", "Interface") { Policy = "{}" });
            vpc.NatGateways.Add(new FakeNatGateway($"nat-0more{n}", "subnet-0b", n % 2 == 0 ? "available" : "deleted"));
        }

        await fake.CheckAsync(Config());

        Assert.Equal(few, fake.Requests.Count - few);
        Assert.Single(fake.Requests.Take(few), r => r.Operation == "DescribeVpcEndpoints");
        Assert.Single(fake.Requests.Take(few), r => r.Operation == "DescribeNatGateways");
    }

    /// <summary>
    /// Enhanced VPC routing on; subnet-0a's own table has the S3 gateway endpoint (eu-west-1) and a /32 route for Cargo's IP to
    /// the internet gateway (so net.route passes), but no 0.0.0.0/0 route.
    /// </summary>
    private FakeVpc OtherRegionBucketBehindGatewayEndpoint()
    {
        var (_, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.PrivateOnlySubnet().RouteTables.Single(t => t.Id == "rtb-0private").Routes.Add(new FakeRoute("3.248.0.10/32", "igw-0main"));
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket)).Endpoints.Single().RouteTableIds[0] = "rtb-0private";
        return vpc;
    }

    private static List<string> Snapshot(FakeVpc vpc, string except) =>
    [
        .. vpc.RouteTables.Select(t => $"{t.Id} {(t.Id == except ? "" : string.Join(",", t.Routes))} {string.Join(",", t.SubnetIds)}"),
        .. vpc.Endpoints.Select(e => $"{e.Id} {e.Policy} {string.Join(",", e.RouteTableIds)}"),
        .. vpc.NatGateways.Select(n => n.ToString()),
    ];

    private static DoctorConfig Config(string? bucketRegion = null)
    {
        var config = AwsScenario.Provisioned();
        return config with { Cargo = config.Cargo with { Bucket = Bucket, Prefix = "customers/acme", BucketRegion = bucketRegion } };
    }

    private Task RunFixAsync(CheckResult before) => FixAwsScriptFile.RunToSuccessAsync(before, folder, fake);

    private Task<AwsCliScript.Result> RunScriptAsync(CheckResult before) => FixAwsScriptFile.RunAsync(before, folder, fake);
}
