using Amazon.EC2;
using Amazon.EC2.Model;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// The VPC reads behind net.route and net.nacl, each one call (plus pages) whatever the number of subnets, routes
/// or rules: subnets by id, and route tables, network ACLs and internet gateways by the VPC filter
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html "vpc-id",
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkAcls.html "vpc-id",
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInternetGateways.html "attachment.vpc-id").
/// </summary>
public sealed partial class Ec2Client
{
    public Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken cancellationToken = default) =>
        PagedAsync("DescribeSubnets", async (client, token, ct) =>
        {
            var response = await client.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [.. subnetIds], NextToken = token }, ct).ConfigureAwait(false);
            return ((response.Subnets ?? []).Select(s => new Ec2Subnet(s.SubnetId, s.VpcId, s.CidrBlock)), response.NextToken);
        }, cancellationToken);

    public Task<IReadOnlyList<Ec2RouteTable>> DescribeRouteTablesAsync(string vpcId, CancellationToken cancellationToken = default) =>
        PagedAsync("DescribeRouteTables", async (client, token, ct) =>
        {
            var response = await client.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = [new Filter("vpc-id", [vpcId])], NextToken = token }, ct).ConfigureAwait(false);
            return ((response.RouteTables ?? []).Select(ToRecord), response.NextToken);
        }, cancellationToken);

    public Task<IReadOnlyList<Ec2NetworkAcl>> DescribeNetworkAclsAsync(string vpcId, CancellationToken cancellationToken = default) =>
        PagedAsync("DescribeNetworkAcls", async (client, token, ct) =>
        {
            var response = await client.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = [new Filter("vpc-id", [vpcId])], NextToken = token }, ct).ConfigureAwait(false);
            return ((response.NetworkAcls ?? []).Select(ToRecord), response.NextToken);
        }, cancellationToken);

    public Task<IReadOnlyList<Ec2InternetGateway>> DescribeInternetGatewaysAsync(string vpcId, CancellationToken cancellationToken = default) =>
        PagedAsync("DescribeInternetGateways", async (client, token, ct) =>
        {
            var response = await client.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = [new Filter("attachment.vpc-id", [vpcId])], NextToken = token }, ct).ConfigureAwait(false);
            return ((response.InternetGateways ?? []).Select(g => new Ec2InternetGateway(g.InternetGatewayId, (g.Attachments ?? []).Select(a => a.VpcId).ToList())), response.NextToken);
        }, cancellationToken);

    /// <summary>
    /// The VPC's endpoints in one call filtered by the VPC (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpoints.html "vpc-id"),
    /// whatever their number.
    /// </summary>
    public Task<IReadOnlyList<Ec2VpcEndpoint>> DescribeVpcEndpointsAsync(string vpcId, CancellationToken cancellationToken = default) =>
        PagedAsync("DescribeVpcEndpoints", async (client, token, ct) =>
        {
            var response = await client.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { Filters = [new Filter("vpc-id", [vpcId])], NextToken = token }, ct).ConfigureAwait(false);
            return ((response.VpcEndpoints ?? []).Select(e => new Ec2VpcEndpoint(
                e.VpcEndpointId,
                Empty(e.VpcId),
                Empty(e.ServiceName),
                e.VpcEndpointType?.Value,
                e.State?.Value?.ToLowerInvariant(),
                (e.RouteTableIds ?? []).Where(id => !string.IsNullOrEmpty(id)).ToList(),
                Empty(e.PolicyDocument),
                e.PrivateDnsEnabled == true,
                e.DnsOptions?.PrivateDnsOnlyForInboundResolverEndpoint)), response.NextToken);
        }, cancellationToken);

    /// <summary>
    /// The VPC's NAT gateways in one call filtered by the VPC, whatever their number
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html: the request member is Filter, "vpc-id").
    /// </summary>
    public Task<IReadOnlyList<Ec2NatGateway>> DescribeNatGatewaysAsync(string vpcId, CancellationToken cancellationToken = default) =>
        PagedAsync("DescribeNatGateways", async (client, token, ct) =>
        {
            var response = await client.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = [new Filter("vpc-id", [vpcId])], NextToken = token }, ct).ConfigureAwait(false);
            return ((response.NatGateways ?? []).Select(n => new Ec2NatGateway(
                n.NatGatewayId, Empty(n.VpcId), Empty(n.SubnetId), Empty(n.State?.Value), Empty(n.ConnectivityType?.Value))), response.NextToken);
        }, cancellationToken);

    /// <summary>
    /// A workgroup's network interfaces by id, in one call whatever their number
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html NetworkInterfaceId.N),
    /// with the public IPv4 address of each (Association.PublicIp).
    /// </summary>
    public Task<IReadOnlyList<Ec2NetworkInterface>> DescribeNetworkInterfacesAsync(IReadOnlyList<string> networkInterfaceIds, CancellationToken cancellationToken = default) =>
        PagedAsync("DescribeNetworkInterfaces", async (client, token, ct) =>
        {
            var response = await client.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NetworkInterfaceIds = [.. networkInterfaceIds], NextToken = token }, ct).ConfigureAwait(false);
            return ((response.NetworkInterfaces ?? []).Select(n => new Ec2NetworkInterface(
                n.NetworkInterfaceId, Empty(n.SubnetId), Empty(n.VpcId), Empty(n.PrivateIpAddress), Empty(n.Association?.PublicIp))), response.NextToken);
        }, cancellationToken);

    /// <summary>The CIDRs of a managed prefix list: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetManagedPrefixListEntries.html.</summary>
    public Task<IReadOnlyList<string>> GetManagedPrefixListEntriesAsync(string prefixListId, CancellationToken cancellationToken = default) =>
        PagedAsync("GetManagedPrefixListEntries", async (client, token, ct) =>
        {
            var response = await client.GetManagedPrefixListEntriesAsync(new GetManagedPrefixListEntriesRequest { PrefixListId = prefixListId, NextToken = token }, ct).ConfigureAwait(false);
            return ((response.Entries ?? []).Select(e => e.Cidr), response.NextToken);
        }, cancellationToken);

    private Task<IReadOnlyList<T>> PagedAsync<T>(
        string operation, Func<AmazonEC2Client, string?, CancellationToken, Task<(IEnumerable<T> Items, string? NextToken)>> page, CancellationToken cancellationToken)
    {
        var translate = new SdkCallFailure(AwsService.Ec2, operation, resolvedEndpoint, options, credentials);
        return retry.ExecuteAsync<IReadOnlyList<T>>(async ct =>
        {
            var client = await GetSdkClientAsync().ConfigureAwait(false);
            var items = new List<T>();
            string? token = null;
            do
            {
                (IEnumerable<T> Items, string? NextToken) result;
                try
                {
                    result = await page(client, token, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (SdkCallFailure.IsCallFailure(e, ct))
                {
                    throw translate.Translate(e);
                }

                items.AddRange(result.Items);
                token = result.NextToken;
            }
            while (!string.IsNullOrEmpty(token));

            return items;
        }, cancellationToken);
    }

    private static Ec2RouteTable ToRecord(RouteTable table) => new(
        table.RouteTableId,
        table.VpcId,
        (table.Associations ?? []).Any(a => a.Main == true),
        (table.Associations ?? []).Where(a => !string.IsNullOrEmpty(a.SubnetId)).Select(a => a.SubnetId).ToList(),
        (table.Routes ?? []).Select(r => new Ec2Route(
            Empty(r.DestinationCidrBlock),
            Empty(r.DestinationIpv6CidrBlock),
            Empty(r.DestinationPrefixListId),
            Empty(r.GatewayId) ?? Empty(r.NatGatewayId) ?? Empty(r.TransitGatewayId) ?? Empty(r.VpcPeeringConnectionId)
                ?? Empty(r.NetworkInterfaceId) ?? Empty(r.InstanceId) ?? Empty(r.EgressOnlyInternetGatewayId) ?? Empty(r.LocalGatewayId)
                ?? Empty(r.CarrierGatewayId) ?? Empty(r.CoreNetworkArn),
            r.State?.Value,
            r.Origin?.Value)).ToList());

    private static Ec2NetworkAcl ToRecord(NetworkAcl acl) => new(
        acl.NetworkAclId,
        acl.VpcId,
        acl.IsDefault == true,
        (acl.Associations ?? []).Select(a => a.SubnetId).Where(id => !string.IsNullOrEmpty(id)).ToList(),
        (acl.Entries ?? []).Select(e => new Ec2NetworkAclEntry(
            e.RuleNumber ?? 0,
            e.Protocol,
            e.RuleAction?.Value ?? "",
            e.Egress == true,
            Empty(e.CidrBlock),
            Empty(e.Ipv6CidrBlock),
            e.PortRange?.From,
            e.PortRange?.To)).ToList());

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
