using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Checks.Net;

/// <summary>net.ingress against the loopback fake AWS: security-group rules that admit Cargo's IPs on the warehouse port, or not.</summary>
[Trait("Category", "Aws")]
public sealed class IngressScenarioTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task security_group_without_cargo_ip_fails_with_authorize_ingress()
    {
        var ingress = (await fake.PortClosedToCargo().CheckAsync(AwsScenario.Provisioned()))[IngressRule.Id];

        Assert.Equal(CheckStatus.Fail, ingress.Status);
        Assert.Equal("1 of 1 Cargo IP(s) cannot reach cluster cargo-cluster on port 5439", ingress.Summary);
        Assert.Equal(
            "aws ec2 authorize-security-group-ingress --group-id 'sg-0cargo' --protocol tcp --port 5439 --cidr '3.248.0.10/32' --region 'eu-west-1'",
            ingress.Sh());
    }

    [Fact]
    public async Task rule_on_the_wrong_port_fails_and_says_which_port_is_open()
    {
        fake.AllGoodProvisioned().Respond("DescribeSecurityGroups", DescribeSecurityGroups(null,
            SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(fromPort: 5432, toPort: 5432, cidrs: [CargoIpCidr]))));

        var ingress = (await fake.CheckAsync(AwsScenario.Provisioned()))[IngressRule.Id];

        Assert.Equal(CheckStatus.Fail, ingress.Status);
        Assert.Contains("sg-0cargo admits it on tcp 5432 only", ingress.Text());
    }

    [Fact]
    public async Task all_traffic_rule_from_a_wider_cidr_admits_cargo()
    {
        fake.AllGoodProvisioned().Respond("DescribeSecurityGroups", DescribeSecurityGroups(null,
            SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission("-1", null, null, cidrs: ["3.248.0.0/16"]))));

        var ingress = (await fake.CheckAsync(AwsScenario.Provisioned()))[IngressRule.Id];

        Assert.Equal(CheckStatus.Pass, ingress.Status);
        // Issue 23 item 4: the pass says what it checked, the security groups, nothing more (net.route and net.nacl check the rest).
        Assert.Equal("the security groups (sg-0cargo) let every Cargo IP (1) in on port 5439", ingress.Summary);
        Assert.DoesNotContain(ingress.Details, d => d.Contains("not checked", StringComparison.Ordinal));
        Assert.Contains("3.248.0.10/32: admitted by sg-0cargo (all traffic from 3.248.0.0/16)", ingress.Details);
    }

    [Fact]
    public async Task prefix_list_rule_is_not_evaluable_and_never_a_pass()
    {
        fake.AllGoodProvisioned().Respond("DescribeSecurityGroups", DescribeSecurityGroups(null,
            SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(prefixListIds: ["pl-0cargo"]))));

        var ingress = (await fake.CheckAsync(AwsScenario.Provisioned()))[IngressRule.Id];

        Assert.Equal(CheckStatus.Unknown, ingress.Status);
        Assert.Contains("pl-0cargo", ingress.Text());
    }

    [Fact]
    public async Task prefix_list_rule_counts_with_the_lists_entries()
    {
        fake.AllGoodProvisioned()
            .Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(prefixListIds: ["pl-0cargo"]))))
            .Respond("GetManagedPrefixListEntries", FakeVpcResponses.GetManagedPrefixListEntries(["3.248.0.0/24"]));

        var ingress = (await fake.CheckAsync(AwsScenario.Provisioned()))[IngressRule.Id];

        Assert.Equal(CheckStatus.Pass, ingress.Status);
        Assert.Contains("3.248.0.10/32: admitted by sg-0cargo (tcp 5439 from 3.248.0.0/24, an entry of prefix list pl-0cargo)", ingress.Details);
        Assert.Single(fake.RequestsFor("GetManagedPrefixListEntries"));
    }

    [Fact]
    public async Task prefix_list_without_cargo_fails_like_a_missing_rule()
    {
        fake.AllGoodProvisioned()
            .Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(prefixListIds: ["pl-0office"]))))
            .Respond("GetManagedPrefixListEntries", FakeVpcResponses.GetManagedPrefixListEntries(["198.51.100.0/24"]));

        var ingress = (await fake.CheckAsync(AwsScenario.Provisioned()))[IngressRule.Id];

        Assert.Equal(CheckStatus.Fail, ingress.Status);
    }

    [Fact]
    public async Task ipv6_cargo_address_gets_an_ip_permissions_command()
    {
        fake.PortClosedToCargo();
        var config = AwsScenario.Provisioned() with { Cargo = new CargoConfig { Ips = ["2001:db8::7"], RoleArn = CargoRoleArn } };

        var ingress = (await fake.CheckAsync(config))[IngressRule.Id];

        Assert.Equal(CheckStatus.Fail, ingress.Status);
        Assert.Equal(
            "aws ec2 authorize-security-group-ingress --group-id 'sg-0cargo' --ip-permissions 'IpProtocol=tcp,FromPort=5439,ToPort=5439,Ipv6Ranges=[{CidrIpv6=2001:db8::7/128,Description=Cargo}]' --region 'eu-west-1'",
            ingress.Sh());
    }
}
