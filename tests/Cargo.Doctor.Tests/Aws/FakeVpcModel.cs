namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// The fake account's VPC: subnets, route tables (the main one and explicit associations), internet and NAT
/// gateways, network ACLs with their numbered entries, and managed prefix lists. Behaviour lives in
/// <c>FakeAwsAccountVpc.cs</c>; these are its state.
/// </summary>
public sealed class FakeVpc(string id, string cidr)
{
    public string Id { get; } = id;

    public string Cidr { get; } = cidr;

    public Dictionary<string, string> SubnetCidrs { get; } = new(StringComparer.Ordinal);

    public List<FakeRouteTable> RouteTables { get; } = [];

    public List<string> InternetGatewayIds { get; } = [];

    public List<FakeNatGateway> NatGateways { get; } = [];

    public List<FakeNetworkAcl> NetworkAcls { get; } = [];

    public List<FakeVpcEndpoint> Endpoints { get; } = [];

    /// <summary>Network interfaces by id (a workgroup's VPC endpoint has one or more).</summary>
    public Dictionary<string, FakeNetworkInterface> NetworkInterfaces { get; } = new(StringComparer.Ordinal);
}

/// <summary>A NAT gateway (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html): State available, pending, ...; ConnectivityType public or private.</summary>
public sealed record FakeNatGateway(string Id, string SubnetId, string State = "available", string ConnectivityType = "public");

/// <param name="PublicIp">Association.PublicIp: the Elastic IP a publicly accessible workgroup gets; null: none.</param>
public sealed record FakeNetworkInterface(string SubnetId, string PrivateIp, string? PublicIp);

/// <summary>A VPC endpoint: Type Gateway (with route tables) or Interface; Policy is the endpoint policy JSON.</summary>
public sealed class FakeVpcEndpoint(string id, string serviceName, string type)
{
    public string Id { get; } = id;

    public string ServiceName { get; } = serviceName;

    public string Type { get; } = type;

    public List<string> RouteTableIds { get; } = [];

    public string Policy { get; set; } = "";

    public bool PrivateDnsEnabled { get; set; }

    /// <summary>DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint; null: no DnsOptions reported.</summary>
    public bool? PrivateDnsOnlyForInboundResolverEndpoint { get; set; }
}

public sealed class FakeRouteTable(string id, bool isMain)
{
    public string Id { get; } = id;

    public bool IsMain { get; } = isMain;

    /// <summary>Explicitly associated subnets.</summary>
    public List<string> SubnetIds { get; } = [];

    public List<FakeRoute> Routes { get; } = [];
}

/// <param name="Destination">A CIDR or a prefix list id.</param>
/// <param name="Target">igw-, nat-, pcx-, tgw-, vgw-, vpce- or local.</param>
/// <param name="State">active or blackhole.</param>
public sealed record FakeRoute(string Destination, string Target, string State = "active", string Origin = "CreateRoute");

public sealed class FakeNetworkAcl(string id, bool isDefault)
{
    public string Id { get; } = id;

    public bool IsDefault { get; } = isDefault;

    public List<string> SubnetIds { get; } = [];

    public List<FakeAclEntry> Entries { get; } = [];
}

/// <param name="Protocol">"-1" all or "6" TCP, as EC2 reports it.</param>
public sealed record FakeAclEntry(int RuleNumber, bool Egress, string Protocol, string Action, string Cidr, int? FromPort = null, int? ToPort = null);

public sealed record FakeSubnetGroup(string Name, string VpcId, IReadOnlyList<string> SubnetIds);
