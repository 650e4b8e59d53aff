using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

[Trait("Category", "Aws")]
public sealed class RedshiftClientTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly AwsClients clients;

    public RedshiftClientTests() => clients = fake.CreateClients();

    public void Dispose()
    {
        clients.Dispose();
        fake.Dispose();
    }

    [Fact]
    public async Task DescribeClusters_reads_endpoint_roles_security_groups_and_namespace_arn()
    {
        fake.Respond("DescribeClusters", DescribeClusters(null, Cluster(
            "cargo-cluster",
            securityGroupIds: ["sg-1", "sg-2"],
            iamRoles: [(CustomerRoleArn, "in-sync"), ("arn:aws:iam::123456789012:role/other", "adding")],
            defaultIamRoleArn: CustomerRoleArn,
            port: 5440)));

        var cluster = Assert.Single(await clients.Redshift.DescribeClustersAsync("cargo-cluster", TestContext.Current.CancellationToken));

        Assert.Equal("cargo-cluster", cluster.ClusterIdentifier);
        Assert.Equal("available", cluster.Status);
        Assert.Equal(new RedshiftEndpoint("cargo-cluster.abc123xyz789.eu-west-1.redshift.amazonaws.com", 5440), cluster.Endpoint);
        Assert.True(cluster.PubliclyAccessible);
        Assert.Equal(["sg-1", "sg-2"], cluster.VpcSecurityGroupIds);
        Assert.Equal([new RedshiftIamRole(CustomerRoleArn, "in-sync"), new RedshiftIamRole("arn:aws:iam::123456789012:role/other", "adding")], cluster.IamRoles);
        Assert.StartsWith("arn:aws:redshift:eu-west-1:", cluster.ClusterNamespaceArn);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("cargo-cluster", request.Form["ClusterIdentifier"]);
        Assert.Equal("2012-12-01", request.Form["Version"]);
        Assert.Equal(("redshift", "eu-west-1"), (request.SigningService, request.SigningRegion));
    }

    [Fact]
    public async Task DescribeClusters_follows_the_marker()
    {
        fake.Respond("DescribeClusters", DescribeClusters("m2", Cluster("c1")), DescribeClusters(null, Cluster("c2", publiclyAccessible: false)));

        var clusters = await clients.Redshift.DescribeClustersAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["c1", "c2"], clusters.Select(c => c.ClusterIdentifier));
        Assert.False(clusters[1].PubliclyAccessible);
        Assert.Equal("m2", fake.RequestsFor("DescribeClusters").Last().Form["Marker"]);
    }

    [Fact]
    public async Task ClusterNotFound_is_reported_as_not_found()
    {
        fake.Respond("DescribeClusters", QueryError(404, "ClusterNotFound", "Cluster nope not found."));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Redshift.DescribeClustersAsync("nope", TestContext.Current.CancellationToken));

        Assert.True(error.IsNotFound);
        Assert.Equal("redshift:DescribeClusters", error.IamAction);
    }
}
