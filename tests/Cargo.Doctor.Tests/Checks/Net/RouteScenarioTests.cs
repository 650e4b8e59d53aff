using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Setup;

namespace Cargo.Doctor.Tests.Checks.Net;

/// <summary>
/// net.route against the stateful fake account's VPC: each failure fails net.route alone, and the fix-aws.sh that
/// check writes, run with the real aws CLI against the fake, makes it pass.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class RouteScenarioTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly string folder = Directory.CreateTempSubdirectory("net-route-").FullName;

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task public_cluster_in_a_public_subnet_passes_every_aws_check()
    {
        fake.PublicClusterInVpc();

        var result = await fake.CheckAsync(AwsScenario.Provisioned());

        Assert.All(result.Findings.Where(f => f.CheckId.StartsWith("net.", StringComparison.Ordinal) || f.CheckId.StartsWith("iam.", StringComparison.Ordinal)),
            f => Assert.True(f.Status == CheckStatus.Pass, result.Describe()));
        Assert.Contains("3.248.0.10/32: subnet subnet-0a, route table rtb-0main (the VPC's main table): route 0.0.0.0/0 -> igw-0main", result[RouteRule.Id].Details);
        Assert.Contains("public address: 54.170.0.10", result[RouteRule.Id].Details);
    }

    [Fact]
    public async Task default_route_to_a_nat_gateway_fails_and_the_fix_adds_a_route_for_cargo_alone()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        vpc.DefaultRouteToNat();

        await AssertFailsAloneThenFixedAsync(
            "aws ec2 create-route --route-table-id 'rtb-0main' --destination-cidr-block '3.248.0.10/32' --gateway-id 'igw-0main' --region 'eu-west-1'",
            "a NAT gateway lets the subnet out, not Cargo in");
        Assert.Contains(vpc.RouteTables.Single(t => t.IsMain).Routes, r => r is { Destination: "0.0.0.0/0", Target: "nat-0egress" });
    }

    [Fact]
    public async Task private_only_subnet_fails_and_the_fix_routes_cargo_through_the_internet_gateway()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        vpc.PrivateOnlySubnet();

        await AssertFailsAloneThenFixedAsync(
            "aws ec2 create-route --route-table-id 'rtb-0private' --destination-cidr-block '3.248.0.10/32' --gateway-id 'igw-0main' --region 'eu-west-1'",
            "no route matches it");
    }

    [Fact]
    public async Task another_subnet_of_the_group_without_a_route_only_warns()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        var table = new FakeRouteTable("rtb-0b", isMain: false);
        table.Routes.Add(new FakeRoute("10.0.0.0/16", "local", Origin: "CreateRouteTable"));
        table.SubnetIds.Add("subnet-0b");
        vpc.RouteTables.Add(table);

        var route = (await fake.CheckAsync(AwsScenario.Provisioned()))[RouteRule.Id];

        Assert.Equal(CheckStatus.Warn, route.Status);
        Assert.Contains("subnet subnet-0b (in the subnet group, not where the warehouse runs now)", route.Text());
    }

    [Fact]
    public async Task transit_gateway_route_is_unknown_saying_what_to_check_there()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        vpc.RouteTables.Single(t => t.IsMain).Routes.Add(new FakeRoute("3.248.0.0/16", "tgw-0hub"));

        var route = (await fake.CheckAsync(AwsScenario.Provisioned()))[RouteRule.Id];

        Assert.Equal(CheckStatus.Unknown, route.Status);
        Assert.Contains("route 3.248.0.0/16 -> tgw-0hub: a transit gateway; check its route table", route.Text());
    }

    [Fact]
    public async Task a_prefix_list_route_counts_with_its_entry_length()
    {
        var (account, _, vpc) = fake.PublicClusterInVpc();
        account.PrefixLists["pl-0cargo"] = ["3.248.0.0/24"];
        vpc.RouteTables.Single(t => t.IsMain).Routes.Add(new FakeRoute("pl-0cargo", "pcx-0peer"));

        var route = (await fake.CheckAsync(AwsScenario.Provisioned()))[RouteRule.Id];

        Assert.Equal(CheckStatus.Fail, route.Status);
        Assert.Contains("route pl-0cargo (entry 3.248.0.0/24) -> pcx-0peer: a VPC peering connection", route.Text());
    }

    [Fact]
    public async Task the_number_of_calls_does_not_grow_with_subnets_routes_or_rules()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        await fake.CheckAsync(AwsScenario.Provisioned());
        var few = fake.Requests.Count;

        var main = vpc.RouteTables.Single(t => t.IsMain);
        var acl = vpc.NetworkAcls.Single();
        for (var n = 0; n < 40; n++)
        {
            main.Routes.Add(new FakeRoute($"192.168.{n}.0/24", "local"));
            acl.Entries.Add(new FakeAclEntry(200 + n, false, "6", "allow", $"192.168.{n}.0/24", 443, 443));
        }

        await fake.CheckAsync(AwsScenario.Provisioned());

        Assert.Equal(few, fake.Requests.Count - few);
        Assert.Single(fake.Requests.Take(few), r => r.Operation == "DescribeRouteTables");
        Assert.Single(fake.Requests.Take(few), r => r.Operation == "DescribeNetworkAcls");
    }

    private async Task AssertFailsAloneThenFixedAsync(string expectedCommand, string expectedText)
    {
        var before = await fake.CheckAsync(AwsScenario.Provisioned());
        Assert.Equal(CheckStatus.Fail, before[RouteRule.Id].Status);
        Assert.Contains(expectedText, before[RouteRule.Id].Text());
        Assert.Equal(expectedCommand, before[RouteRule.Id].Sh());
        Assert.All(before.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(RouteRule.Id, f.CheckId));

        await FixAwsScriptFile.RunToSuccessAsync(before, folder, fake);

        var after = await fake.CheckAsync(AwsScenario.Provisioned());
        Assert.True(after[RouteRule.Id].Status == CheckStatus.Pass, after.Describe());
    }
}
