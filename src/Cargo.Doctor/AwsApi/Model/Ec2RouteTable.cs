namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// A route table, its routes and the subnets explicitly associated with it (<paramref name="IsMain"/>: the VPC's main
/// table, which serves every subnet without an explicit association):
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTable.html.
/// </summary>
public sealed record Ec2RouteTable(string RouteTableId, string? VpcId, bool IsMain, IReadOnlyList<string> SubnetIds, IReadOnlyList<Ec2Route> Routes);

/// <summary>
/// One route: a destination (CIDR, IPv6 CIDR or prefix list) and its target's id (igw-, nat-, pcx-, tgw-, vgw-,
/// vpce-, eni-, local...). https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html.
/// </summary>
/// <param name="State">active or blackhole.</param>
/// <param name="Origin">CreateRouteTable, CreateRoute or EnableVgwRoutePropagation.</param>
public sealed record Ec2Route(string? DestinationCidrBlock, string? DestinationIpv6CidrBlock, string? DestinationPrefixListId, string? Target, string? State, string? Origin);
