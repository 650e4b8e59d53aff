using Cargo.Doctor.AwsApi.Clients;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

[Trait("Category", "Aws")]
public sealed class Ec2ClientTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly AwsClients clients;

    public Ec2ClientTests() => clients = fake.CreateClients();

    public void Dispose()
    {
        clients.Dispose();
        fake.Dispose();
    }

    [Fact]
    public async Task DescribeSecurityGroups_maps_inbound_rules_of_every_kind()
    {
        fake.Respond("DescribeSecurityGroups", DescribeSecurityGroups(
            null,
            SecurityGroup(
                "sg-0cargo",
                "vpc-0abc",
                IpPermission("tcp", 5439, 5439, cidrs: ["3.248.0.10/32", "10.0.0.0/8"], ipv6Cidrs: ["2001:db8::/32"]),
                IpPermission("tcp", 5430, 5450, prefixListIds: ["pl-123"], groupIds: ["sg-other"]),
                IpPermission("-1", null, null, cidrs: ["192.168.0.0/16"]))));

        var group = Assert.Single(await clients.Ec2.DescribeSecurityGroupsAsync(["sg-0cargo"], TestContext.Current.CancellationToken));

        Assert.Equal(("sg-0cargo", "sg-0cargo-name"), (group.GroupId, group.GroupName));
        Assert.Equal(3, group.InboundPermissions.Count);
        var direct = group.InboundPermissions[0];
        Assert.Equal(("tcp", 5439, 5439), (direct.Protocol, direct.FromPort, direct.ToPort));
        Assert.Equal(["3.248.0.10/32", "10.0.0.0/8"], direct.Ipv4Cidrs);
        Assert.Equal(["2001:db8::/32"], direct.Ipv6Cidrs);
        Assert.Equal(["pl-123"], group.InboundPermissions[1].PrefixListIds);
        Assert.Equal(["sg-other"], group.InboundPermissions[1].ReferencedGroupIds);
        Assert.Equal("-1", group.InboundPermissions[2].Protocol);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("sg-0cargo", request.Form["GroupId.1"]);
        Assert.Equal(("ec2", "eu-west-1"), (request.SigningService, request.SigningRegion));
        Assert.Empty(fake.SigningProblems);
    }

    [Fact]
    public async Task UnauthorizedOperation_is_access_denied_for_ec2_action()
    {
        fake.Respond("DescribeSecurityGroups", Ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], TestContext.Current.CancellationToken));

        Assert.True(error.IsAccessDenied);
        Assert.Equal("ec2:DescribeSecurityGroups", error.IamAction);
        Assert.Equal(403, error.HttpStatus);
    }

    [Fact]
    public async Task Unknown_group_is_not_found()
    {
        fake.Respond("DescribeSecurityGroups", Ec2Error(400, "InvalidGroup.NotFound", "The security group 'sg-1' does not exist"));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], TestContext.Current.CancellationToken));

        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task Throttled_once_then_succeeds()
    {
        fake.Respond("DescribeSecurityGroups", Ec2Throttling(), DescribeSecurityGroups(null, SecurityGroup("sg-1")));

        var groups = await clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], TestContext.Current.CancellationToken);

        Assert.Single(groups);
        Assert.Equal(2, fake.RequestsFor("DescribeSecurityGroups").Count());
    }
}
