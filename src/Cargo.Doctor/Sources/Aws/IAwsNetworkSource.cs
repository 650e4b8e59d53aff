using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// The VPC reads behind net.route and net.nacl, answered by the live APIs or an evidence folder. Each is one call
/// (and its pages) per run, not one per subnet, route or rule; prefix lists are read once per list named.
/// </summary>
internal interface IAwsNetworkSource
{
    Task<RedshiftSubnetGroup> DescribeClusterSubnetGroupAsync(string subnetGroupName, CancellationToken ct);

    Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken ct);

    Task<IReadOnlyList<Ec2RouteTable>> DescribeRouteTablesAsync(string vpcId, CancellationToken ct);

    Task<IReadOnlyList<Ec2NetworkAcl>> DescribeNetworkAclsAsync(string vpcId, CancellationToken ct);

    Task<IReadOnlyList<Ec2InternetGateway>> DescribeInternetGatewaysAsync(string vpcId, CancellationToken ct);

    Task<IReadOnlyList<Ec2VpcEndpoint>> DescribeVpcEndpointsAsync(string vpcId, CancellationToken ct);

    Task<IReadOnlyList<Ec2NatGateway>> DescribeNatGatewaysAsync(string vpcId, CancellationToken ct);

    Task<IReadOnlyList<Ec2NetworkInterface>> DescribeNetworkInterfacesAsync(IReadOnlyList<string> networkInterfaceIds, CancellationToken ct);

    Task<IReadOnlyList<string>> GetManagedPrefixListEntriesAsync(string prefixListId, CancellationToken ct);
}
