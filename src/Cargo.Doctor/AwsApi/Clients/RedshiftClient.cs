using System.Xml.Linq;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>Read-only Redshift (provisioned) calls (Query protocol, 2012-12-01).</summary>
public sealed class RedshiftClient
{
    private readonly AwsQueryTransport query;

    internal RedshiftClient(SignedAwsHttpClient http) =>
        query = new AwsQueryTransport(http, AwsService.Redshift, "2012-12-01");

    /// <summary>All clusters visible to the caller, or just <paramref name="clusterIdentifier"/> when given.</summary>
    public Task<IReadOnlyList<RedshiftCluster>> DescribeClustersAsync(
        string? clusterIdentifier = null, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string>> parameters = clusterIdentifier is null
            ? []
            : [new("ClusterIdentifier", clusterIdentifier)];
        return query.CallPagedAsync(
            "DescribeClusters",
            parameters,
            page => page.ListItems("Clusters").Select(ReadCluster),
            cancellationToken);
    }

    // Deliberately a second reading of a cluster beside AwsEvidenceSource.DescribeClusterAsync: the API
    // answers in XML (Query protocol), the CLI's evidence file is JSON; same member names, different wire formats
    // (https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html).
    private static RedshiftCluster ReadCluster(XElement cluster)
    {
        var endpoint = cluster.Child("Endpoint");
        return new RedshiftCluster(
            cluster.RequiredValue("ClusterIdentifier"),
            cluster.ChildValue("ClusterStatus"),
            endpoint?.ChildValue("Address") is { } address
                ? new RedshiftEndpoint(address, endpoint.ChildInt("Port") ?? 5439)
                : null,
            cluster.ChildBool("PubliclyAccessible"),
            cluster.ListItems("VpcSecurityGroups").Select(g => g.ChildValue("VpcSecurityGroupId")).OfType<string>().ToList(),
            cluster.ListItems("IamRoles")
                .Select(r => new RedshiftIamRole(r.RequiredValue("IamRoleArn"), r.ChildValue("ApplyStatus")))
                .ToList(),
            NullIfEmpty(cluster.ChildValue("ClusterNamespaceArn")),
            cluster.ChildBoolOrNull("EnhancedVpcRouting"),
            new RedshiftClusterNetwork(
                NullIfEmpty(cluster.ChildValue("VpcId")),
                NullIfEmpty(cluster.ChildValue("ClusterSubnetGroupName")),
                cluster.ListItems("ClusterNodes")
                    .Select(n => new RedshiftNode(n.ChildValue("NodeRole"), NullIfEmpty(n.ChildValue("PrivateIPAddress")), NullIfEmpty(n.ChildValue("PublicIPAddress"))))
                    .ToList(),
                NullIfEmpty(cluster.Child("ElasticIpStatus")?.ChildValue("ElasticIp"))));
    }

    /// <summary>
    /// One subnet group by name (https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeClusterSubnetGroups.html):
    /// the subnets a failover can move the cluster to.
    /// </summary>
    public Task<IReadOnlyList<RedshiftSubnetGroup>> DescribeClusterSubnetGroupsAsync(string subnetGroupName, CancellationToken cancellationToken = default) =>
        query.CallPagedAsync(
            "DescribeClusterSubnetGroups",
            [new("ClusterSubnetGroupName", subnetGroupName)],
            page => page.ListItems("ClusterSubnetGroups").Select(g => new RedshiftSubnetGroup(
                g.RequiredValue("ClusterSubnetGroupName"),
                NullIfEmpty(g.ChildValue("VpcId")),
                g.ListItems("Subnets").Select(s => s.ChildValue("SubnetIdentifier")).OfType<string>().ToList())),
            cancellationToken);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
