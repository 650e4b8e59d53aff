namespace Cargo.Doctor.Facts;

/// <summary>
/// The VPC around the warehouse, for net.route and net.nacl: its subnets, the route tables and network ACLs of
/// its VPC, the VPC's internet gateways and the prefix lists routes name. Each part that could not be read is
/// null with a gap beside it. https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
/// </summary>
public sealed record NetworkFacts
{
    public string? VpcId { get; init; }

    /// <summary>Provisioned: the cluster subnet group (DescribeClusters ClusterSubnetGroupName).</summary>
    public string? SubnetGroupName { get; init; }

    /// <summary>Provisioned: the leader node's private IP (or the single node's), which places the cluster in a subnet.</summary>
    public string? LeaderPrivateIp { get; init; }

    /// <summary>The subnets of the cluster subnet group, or the workgroup's subnetIds: where the warehouse may run.</summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    /// <summary>
    /// Provisioned: the subnet whose CIDR holds the leader node's private IP (where the warehouse runs now); null
    /// when not found (no node IP; Serverless: see <see cref="NetworkInterfaces"/>), and then every subnet counts as the warehouse's.
    /// </summary>
    public string? WarehouseSubnetId { get; init; }

    /// <summary>
    /// The warehouse's public IPs: provisioned, the nodes' and the Elastic IP; Serverless, those of the workgroup's
    /// network interfaces. Null when not read (see <see cref="NetworkInterfacesGap"/>).
    /// </summary>
    public IReadOnlyList<string>? PublicAddresses { get; init; }

    /// <summary>
    /// Serverless: the network interfaces of the workgroup's VPC endpoint (GetWorkgroup, then DescribeNetworkInterfaces for
    /// their subnets and public IPs). Their subnets are where the workgroup runs now; null for a cluster.
    /// </summary>
    public IReadOnlyList<NetworkInterfaceFacts>? NetworkInterfaces { get; init; }

    public Gap? NetworkInterfacesGap { get; init; }

    public IReadOnlyList<SubnetFacts>? Subnets { get; init; }

    public Gap? SubnetsGap { get; init; }

    public IReadOnlyList<RouteTableFacts>? RouteTables { get; init; }

    public Gap? RouteTablesGap { get; init; }

    public IReadOnlyList<NetworkAclFacts>? NetworkAcls { get; init; }

    public Gap? NetworkAclsGap { get; init; }

    /// <summary>Internet gateways attached to the VPC.</summary>
    public IReadOnlyList<string>? InternetGatewayIds { get; init; }

    public Gap? InternetGatewaysGap { get; init; }

    /// <summary>The VPC's endpoints (gateway and interface), for net.data-path.</summary>
    public IReadOnlyList<VpcEndpointFacts>? VpcEndpoints { get; init; }

    public Gap? VpcEndpointsGap { get; init; }

    /// <summary>
    /// The VPC's NAT gateways (DescribeNatGateways filtered by the VPC), for net.data-path's fix when a table has no
    /// default route; null when not read (an older facts file, or see <see cref="NatGatewaysGap"/>).
    /// </summary>
    public IReadOnlyList<NatGatewayFacts>? NatGateways { get; init; }

    public Gap? NatGatewaysGap { get; init; }

    /// <summary>Every prefix list a route or a security-group rule names, with its entries (or the gap that kept them unread).</summary>
    public IReadOnlyList<PrefixListFacts> PrefixLists { get; init; } = [];
}

public sealed record SubnetFacts(string SubnetId, string? CidrBlock);

/// <param name="PublicIp">Association.PublicIp (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterfaceAssociation.html); null: none.</param>
public sealed record NetworkInterfaceFacts(string NetworkInterfaceId, string? SubnetId, string? PrivateIp, string? PublicIp);

/// <param name="IsMain">The VPC's main route table: it serves every subnet with no explicit association.</param>
/// <param name="SubnetIds">Subnets explicitly associated with it.</param>
public sealed record RouteTableFacts(string RouteTableId, bool IsMain, IReadOnlyList<string> SubnetIds, IReadOnlyList<RouteFacts> Routes);

/// <param name="Destination">A CIDR (IPv4 or IPv6) or a prefix list id (pl-...).</param>
/// <param name="Target">igw-..., nat-..., pcx-..., tgw-..., vgw-..., vpce-..., eni-..., local; null when AWS named none.</param>
/// <param name="State">active or blackhole.</param>
/// <param name="Origin">CreateRouteTable, CreateRoute or EnableVgwRoutePropagation (a propagated route).</param>
public sealed record RouteFacts(string Destination, string? Target, string? State, string? Origin);

/// <param name="IsDefault">The VPC's default ACL, used by a subnet with no other association.</param>
public sealed record NetworkAclFacts(string NetworkAclId, bool IsDefault, IReadOnlyList<string> SubnetIds, IReadOnlyList<NetworkAclEntryFacts> Entries);

/// <param name="Protocol">"-1" all, "6" TCP, or another IP protocol number.</param>
/// <param name="RuleAction">allow or deny.</param>
public sealed record NetworkAclEntryFacts(int RuleNumber, string Protocol, string RuleAction, bool Egress, string? Cidr, int? FromPort, int? ToPort);

/// <param name="State">pending, failed, available, deleting or deleted (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html).</param>
/// <param name="ConnectivityType">public or private: a private NAT gateway cannot reach the internet
/// (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html).</param>
public sealed record NatGatewayFacts(string NatGatewayId, string? SubnetId, string? State, string? ConnectivityType);

public sealed record PrefixListFacts(string PrefixListId, IReadOnlyList<string>? Cidrs, Gap? Gap = null);

/// <param name="ServiceName">com.amazonaws.&lt;region&gt;.s3 for S3 (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html).</param>
/// <param name="Type">Gateway, Interface or GatewayLoadBalancer.</param>
/// <param name="RouteTableIds">A gateway endpoint's route tables: it serves the subnets that use them.</param>
/// <param name="PolicyDocument">The endpoint policy as JSON text; null when AWS returned none.</param>
/// <param name="PrivateDnsOnlyForInboundResolverEndpoint">An interface endpoint's DnsOptions member: its private DNS serves only
/// inbound resolver endpoints (https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns); null: not said.</param>
public sealed record VpcEndpointFacts(
    string VpcEndpointId, string? ServiceName, string? Type, string? State, IReadOnlyList<string> RouteTableIds, string? PolicyDocument, bool PrivateDnsEnabled,
    bool? PrivateDnsOnlyForInboundResolverEndpoint = null);
