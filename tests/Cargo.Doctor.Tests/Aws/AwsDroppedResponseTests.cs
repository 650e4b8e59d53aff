using Cargo.Doctor.AwsApi.Clients;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Issue 8.10 (AWS half): the fake sends the headers with the full Content-Length, part of the body,
/// then aborts the socket. Every client turns that into a one-line <see cref="AwsCallException"/>.
/// </summary>
[Trait("Category", "Aws")]
public sealed class AwsDroppedResponseTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task Query_response_dropped_mid_body_is_a_one_line_connection_failure()
    {
        using var clients = fake.CreateClients();
        fake.Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy()).DroppedMidBody());

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Iam.GetRoleAsync(CustomerRoleName, TestContext.Current.CancellationToken));

        AssertConnectionDropped(error, "iam:GetRole");
    }

    [Fact]
    public async Task Json_response_dropped_mid_body_is_a_one_line_connection_failure()
    {
        using var clients = fake.CreateClients();
        fake.Respond("GetWorkgroup", GetWorkgroup().DroppedMidBody());

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.RedshiftServerless.GetWorkgroupAsync("cargo-wg", TestContext.Current.CancellationToken));

        AssertConnectionDropped(error, "redshift-serverless:GetWorkgroup");
    }

    [Fact]
    public async Task Ec2_response_dropped_mid_body_is_a_one_line_connection_failure()
    {
        using var clients = fake.CreateClients();
        fake.Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup("sg-1")).DroppedMidBody());

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], TestContext.Current.CancellationToken));

        AssertConnectionDropped(error, "ec2:DescribeSecurityGroups");
        Assert.Equal(AwsRetryPolicy.DefaultMaxAttempts, fake.RequestsFor("DescribeSecurityGroups").Count());
    }

    [Fact]
    public async Task A_dropped_response_is_retried_like_any_connection_error()
    {
        using var clients = fake.CreateClients();
        var full = DescribeClusters(null, Cluster());
        fake.Respond("DescribeClusters", full.DroppedMidBody(), full);

        var clusters = await clients.Redshift.DescribeClustersAsync("cargo-cluster", TestContext.Current.CancellationToken);

        Assert.Single(clusters);
        Assert.Equal(2, fake.RequestsFor("DescribeClusters").Count());
    }

    private void AssertConnectionDropped(AwsCallException error, string iamAction)
    {
        Assert.Equal(iamAction, error.IamAction);
        Assert.Equal(AwsCallException.ConnectionDroppedCode, error.ErrorCode);
        Assert.True(error.IsEndpointUnreachable);
        Assert.Contains(fake.Url.Authority, error.Message);
        Assert.Contains("closed before the whole response arrived", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
