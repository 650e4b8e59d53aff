using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>Issue 22.10: an AWS response body is read only up to the cap, then the call fails in one line.</summary>
[Trait("Category", "Aws")]
public sealed class AwsBodyCapTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task a_body_over_the_cap_is_a_failed_call_not_unbounded_memory()
    {
        var big = DescribeClusters(null, Enumerable.Range(0, 20).Select(i => Cluster($"cluster-{i}")).ToArray());
        fake.Respond("DescribeClusters", big);
        using var clients = AwsClients.Create(fake.ClientOptions(), new AwsEndpointResolver(_ => null), maxBodyBytes: 4096);

        var error = await Assert.ThrowsAsync<AwsCallException>(() => clients.Redshift.DescribeClustersAsync(null, TestContext.Current.CancellationToken));

        Assert.Equal(AwsCallException.MalformedResponseCode, error.ErrorCode);
        Assert.Contains("the response body is larger than 4096 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_sdk_backed_clients_are_capped_too()
    {
        // EC2 (AWSSDK.EC2) reads through the SDK's own HttpClient: its factory caps the body the same way.
        var groups = Enumerable.Range(0, 40).Select(i => SecurityGroup($"sg-{i:D8}", "vpc-0abc", IpPermission(cidrs: ["3.248.0.10/32"]))).ToArray();
        fake.Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, groups));
        using var clients = AwsClients.Create(fake.ClientOptions(), new AwsEndpointResolver(_ => null), maxBodyBytes: 4096);

        var error = await Assert.ThrowsAsync<AwsCallException>(() => clients.Ec2.DescribeSecurityGroupsAsync(["sg-00000001"], TestContext.Current.CancellationToken));

        Assert.Equal(AwsCallException.MalformedResponseCode, error.ErrorCode);
        Assert.Contains("the response body is larger than 4096 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_body_under_the_cap_reads()
    {
        fake.Respond("DescribeClusters", DescribeClusters(null, Cluster("cargo-cluster")));
        using var clients = AwsClients.Create(fake.ClientOptions(), new AwsEndpointResolver(_ => null), maxBodyBytes: 64 * 1024);

        var clusters = await clients.Redshift.DescribeClustersAsync("cargo-cluster", TestContext.Current.CancellationToken);

        Assert.Single(clusters);
    }
}
