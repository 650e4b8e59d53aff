using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Setup;

namespace Cargo.Doctor.Tests.Checks.Net;

/// <summary>
/// The network path of a Serverless workgroup against the stateful fake: its public address and its subnets come from
/// the network interfaces of its VPC endpoint (GetWorkgroup, then one DescribeNetworkInterfaces call).
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class ServerlessRouteScenarioTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly string folder = Directory.CreateTempSubdirectory("net-route-serverless-").FullName;

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task public_workgroup_in_a_public_subnet_passes_every_aws_check()
    {
        fake.PublicWorkgroupInVpc();

        var result = await fake.CheckAsync(AwsScenario.Serverless());

        Assert.All(result.Findings.Where(f => f.CheckId.StartsWith("net.", StringComparison.Ordinal) || f.CheckId.StartsWith("iam.", StringComparison.Ordinal)),
            f => Assert.True(f.Status == CheckStatus.Pass, result.Describe()));
        Assert.Contains("public address: 54.170.0.20", result[RouteRule.Id].Details);
        Assert.Contains("3.248.0.10/32: subnet subnet-0a, route table rtb-0main (the VPC's main table): route 0.0.0.0/0 -> igw-0main", result[RouteRule.Id].Details);
        Assert.Contains("3.248.0.10/32: subnet subnet-0b (in the workgroup, not where the warehouse runs now), route table rtb-0main (the VPC's main table): route 0.0.0.0/0 -> igw-0main",
            result[RouteRule.Id].Details);
    }

    [Fact]
    public async Task network_interfaces_without_a_public_ip_fail_net_route_alone_with_the_workgroup_fix()
    {
        var (_, _, vpc) = fake.PublicWorkgroupInVpc();
        vpc.NetworkInterfaces["eni-0wg"] = vpc.NetworkInterfaces["eni-0wg"] with { PublicIp = null };

        var result = await fake.CheckAsync(AwsScenario.Serverless());

        var route = result[RouteRule.Id];
        Assert.Equal(CheckStatus.Fail, route.Status);
        Assert.Equal("workgroup cargo-wg has no public IP address", route.Summary);
        Assert.Contains("public address: none (no public IP on the workgroup's network interface(s) eni-0wg)", route.Details);
        Assert.Contains(route.Remediation, r => r.Text.Contains("has no public IP on the network interfaces", StringComparison.Ordinal)
            && r.Text.Contains("**Turn on Publicly", StringComparison.Ordinal));
        Assert.All(result.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(RouteRule.Id, f.CheckId));
    }

    [Fact]
    public async Task the_network_interfaces_subnet_routing_to_a_nat_fails_and_the_fix_makes_it_pass()
    {
        var (_, _, vpc) = fake.PublicWorkgroupInVpc();
        vpc.DefaultRouteToNat();

        var before = await fake.CheckAsync(AwsScenario.Serverless());
        Assert.Equal(CheckStatus.Fail, before[RouteRule.Id].Status);
        Assert.Contains("3.248.0.10/32: subnet subnet-0a, route table rtb-0main (the VPC's main table): route 0.0.0.0/0 -> nat-0egress", before[RouteRule.Id].Details[0]);
        Assert.Equal("aws ec2 create-route --route-table-id 'rtb-0main' --destination-cidr-block '3.248.0.10/32' --gateway-id 'igw-0main' --region 'eu-west-1'", before[RouteRule.Id].Sh());
        Assert.All(before.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(RouteRule.Id, f.CheckId));

        await FixAwsScriptFile.RunToSuccessAsync(before, folder, fake);

        var after = await fake.CheckAsync(AwsScenario.Serverless());
        Assert.True(after[RouteRule.Id].Status == CheckStatus.Pass, after.Describe());
    }

    [Fact]
    public async Task another_subnet_of_the_workgroup_without_a_route_only_warns()
    {
        var (_, _, vpc) = fake.PublicWorkgroupInVpc();
        vpc.RouteTables.Add(PrivateTable("rtb-0b", "subnet-0b"));

        var route = (await fake.CheckAsync(AwsScenario.Serverless()))[RouteRule.Id];

        Assert.Equal(CheckStatus.Warn, route.Status);
        Assert.Contains("in other subnets of the workgroup do not reach an internet gateway", route.Summary);
    }

    [Fact]
    public async Task the_network_interfaces_are_read_in_one_call_whatever_their_number()
    {
        var (_, workgroup, vpc) = fake.PublicWorkgroupInVpc();
        await fake.CheckAsync(AwsScenario.Serverless());
        var few = fake.Requests.Count;

        for (var n = 0; n < 5; n++)
        {
            vpc.NetworkInterfaces[$"eni-0more{n}"] = new FakeNetworkInterface("subnet-0b", $"10.0.2.{20 + n}", $"54.170.1.{n}");
            workgroup.NetworkInterfaceIds.Add($"eni-0more{n}");
        }

        var more = await fake.CheckAsync(AwsScenario.Serverless());

        Assert.Equal(few, fake.Requests.Count - few);
        Assert.Single(fake.Requests.Take(few), r => r.Operation == "DescribeNetworkInterfaces");
        Assert.Contains("public address: 54.170.0.20, 54.170.1.0, 54.170.1.1, 54.170.1.2, 54.170.1.3, 54.170.1.4", more[RouteRule.Id].Details);
    }

    private static FakeRouteTable PrivateTable(string id, string subnet)
    {
        var table = new FakeRouteTable(id, isMain: false);
        table.Routes.Add(new FakeRoute("10.0.0.0/16", "local", Origin: "CreateRouteTable"));
        table.SubnetIds.Add(subnet);
        return table;
    }
}
