using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>The VPC reads of <see cref="IAwsNetworkSource"/> through the live APIs.</summary>
internal sealed partial class AwsApiSource
{
    public async Task<RedshiftSubnetGroup> DescribeClusterSubnetGroupAsync(string subnetGroupName, CancellationToken ct) =>
        (await clients.Redshift.DescribeClusterSubnetGroupsAsync(subnetGroupName, ct).ConfigureAwait(false))
            .FirstOrDefault(g => g.Name == subnetGroupName)
        ?? throw new AwsCallException("redshift", "DescribeClusterSubnetGroups", "redshift:DescribeClusterSubnetGroups", null, "ClusterSubnetGroupNotFoundFault",
            $"Cluster subnet group {subnetGroupName} not found.");

    public Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken ct) => clients.Ec2.DescribeSubnetsAsync(subnetIds, ct);

    public Task<IReadOnlyList<Ec2RouteTable>> DescribeRouteTablesAsync(string vpcId, CancellationToken ct) => clients.Ec2.DescribeRouteTablesAsync(vpcId, ct);

    public Task<IReadOnlyList<Ec2NetworkAcl>> DescribeNetworkAclsAsync(string vpcId, CancellationToken ct) => clients.Ec2.DescribeNetworkAclsAsync(vpcId, ct);

    public Task<IReadOnlyList<Ec2InternetGateway>> DescribeInternetGatewaysAsync(string vpcId, CancellationToken ct) => clients.Ec2.DescribeInternetGatewaysAsync(vpcId, ct);

    public Task<IReadOnlyList<Ec2VpcEndpoint>> DescribeVpcEndpointsAsync(string vpcId, CancellationToken ct) => clients.Ec2.DescribeVpcEndpointsAsync(vpcId, ct);

    public Task<IReadOnlyList<Ec2NatGateway>> DescribeNatGatewaysAsync(string vpcId, CancellationToken ct) => clients.Ec2.DescribeNatGatewaysAsync(vpcId, ct);

    public Task<IReadOnlyList<Ec2NetworkInterface>> DescribeNetworkInterfacesAsync(IReadOnlyList<string> networkInterfaceIds, CancellationToken ct) =>
        clients.Ec2.DescribeNetworkInterfacesAsync(networkInterfaceIds, ct);

    public Task<IReadOnlyList<string>> GetManagedPrefixListEntriesAsync(string prefixListId, CancellationToken ct) => clients.Ec2.GetManagedPrefixListEntriesAsync(prefixListId, ct);
}
