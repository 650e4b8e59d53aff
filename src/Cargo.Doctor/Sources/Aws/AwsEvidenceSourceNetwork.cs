using System.Text.Json;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// The VPC reads of <see cref="IAwsNetworkSource"/> from an evidence folder. Deliberately a second reading beside
/// Ec2Client's: the CLI prints the API's member names in JSON (RouteTables[].Routes[].GatewayId, NetworkAcls[].Entries[].PortRange.From),
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTable.html, API_NetworkAcl.html, API_Subnet.html,
/// API_InternetGateway.html, API_PrefixListEntry.html, API_VpcEndpoint.html, API_NetworkInterface.html, and
/// https://docs.aws.amazon.com/redshift/latest/APIReference/API_ClusterSubnetGroup.html.
/// </summary>
internal sealed partial class AwsEvidenceSource
{
    public Task<RedshiftSubnetGroup> DescribeClusterSubnetGroupAsync(string subnetGroupName, CancellationToken ct)
    {
        var file = AwsEvidenceNetworkFiles.DescribeClusterSubnetGroups;
        var command = $"aws redshift describe-cluster-subnet-groups --cluster-subnet-group-name {Q(subnetGroupName)}";
        var group = JsonFields.Array(Load(file, command), "ClusterSubnetGroups")
            .FirstOrDefault(g => JsonFields.String(g, "ClusterSubnetGroupName") == subnetGroupName);
        return group.ValueKind != JsonValueKind.Object
            ? throw Missing(file, command, $"does not describe subnet group {subnetGroupName}")
            : Task.FromResult(new RedshiftSubnetGroup(
                subnetGroupName,
                JsonFields.String(group, "VpcId"),
                JsonFields.Array(group, "Subnets").Select(s => JsonFields.String(s, "SubnetIdentifier")).OfType<string>().ToList()));
    }

    public Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken ct)
    {
        var file = AwsEvidenceNetworkFiles.DescribeSubnets;
        var command = $"aws ec2 describe-subnets --subnet-ids {string.Join(" ", subnetIds.Select(Q))}";
        var subnets = JsonFields.Array(Load(file, command), "Subnets")
            .Select(s => new Ec2Subnet(JsonFields.String(s, "SubnetId") ?? "", JsonFields.String(s, "VpcId"), JsonFields.String(s, "CidrBlock")))
            .Where(s => subnetIds.Contains(s.SubnetId))
            .ToList();
        var absent = subnetIds.Where(id => subnets.All(s => s.SubnetId != id)).ToList();
        return absent.Count > 0
            ? throw Missing(file, command, $"does not describe {string.Join(", ", absent)}")
            : Task.FromResult<IReadOnlyList<Ec2Subnet>>(subnets);
    }

    public Task<IReadOnlyList<Ec2RouteTable>> DescribeRouteTablesAsync(string vpcId, CancellationToken ct)
    {
        var command = $"aws ec2 describe-route-tables --filters {Q($"Name=vpc-id,Values={vpcId}")}";
        return Task.FromResult<IReadOnlyList<Ec2RouteTable>>(JsonFields.Array(Load(AwsEvidenceNetworkFiles.DescribeRouteTables, command), "RouteTables")
            .Where(t => JsonFields.String(t, "VpcId") is null || JsonFields.String(t, "VpcId") == vpcId)
            .Select(t => new Ec2RouteTable(
                JsonFields.String(t, "RouteTableId") ?? "",
                JsonFields.String(t, "VpcId"),
                JsonFields.Array(t, "Associations").Any(a => JsonFields.Bool(a, "Main")),
                JsonFields.Array(t, "Associations").Select(a => JsonFields.NonEmpty(JsonFields.String(a, "SubnetId"))).OfType<string>().ToList(),
                JsonFields.Array(t, "Routes").Select(r => new Ec2Route(
                    JsonFields.String(r, "DestinationCidrBlock"),
                    JsonFields.String(r, "DestinationIpv6CidrBlock"),
                    JsonFields.String(r, "DestinationPrefixListId"),
                    new[] { "GatewayId", "NatGatewayId", "TransitGatewayId", "VpcPeeringConnectionId", "NetworkInterfaceId", "InstanceId",
                            "EgressOnlyInternetGatewayId", "LocalGatewayId", "CarrierGatewayId", "CoreNetworkArn" }
                        .Select(name => JsonFields.NonEmpty(JsonFields.String(r, name))).FirstOrDefault(v => v is not null),
                    JsonFields.String(r, "State"),
                    JsonFields.String(r, "Origin"))).ToList()))
            .ToList());
    }

    public Task<IReadOnlyList<Ec2NetworkAcl>> DescribeNetworkAclsAsync(string vpcId, CancellationToken ct)
    {
        var command = $"aws ec2 describe-network-acls --filters {Q($"Name=vpc-id,Values={vpcId}")}";
        return Task.FromResult<IReadOnlyList<Ec2NetworkAcl>>(JsonFields.Array(Load(AwsEvidenceNetworkFiles.DescribeNetworkAcls, command), "NetworkAcls")
            .Where(a => JsonFields.String(a, "VpcId") is null || JsonFields.String(a, "VpcId") == vpcId)
            .Select(a => new Ec2NetworkAcl(
                JsonFields.String(a, "NetworkAclId") ?? "",
                JsonFields.String(a, "VpcId"),
                JsonFields.Bool(a, "IsDefault"),
                JsonFields.Array(a, "Associations").Select(s => JsonFields.NonEmpty(JsonFields.String(s, "SubnetId"))).OfType<string>().ToList(),
                JsonFields.Array(a, "Entries").Select(e => new Ec2NetworkAclEntry(
                    JsonFields.Int(e, "RuleNumber") ?? 0,
                    JsonFields.String(e, "Protocol") ?? "",
                    JsonFields.String(e, "RuleAction") ?? "",
                    JsonFields.Bool(e, "Egress"),
                    JsonFields.String(e, "CidrBlock"),
                    JsonFields.String(e, "Ipv6CidrBlock"),
                    PortRange(e, "From"),
                    PortRange(e, "To"))).ToList()))
            .ToList());
    }

    public Task<IReadOnlyList<Ec2InternetGateway>> DescribeInternetGatewaysAsync(string vpcId, CancellationToken ct)
    {
        var command = $"aws ec2 describe-internet-gateways --filters {Q($"Name=attachment.vpc-id,Values={vpcId}")}";
        return Task.FromResult<IReadOnlyList<Ec2InternetGateway>>(JsonFields.Array(Load(AwsEvidenceNetworkFiles.DescribeInternetGateways, command), "InternetGateways")
            .Select(g => new Ec2InternetGateway(
                JsonFields.String(g, "InternetGatewayId") ?? "",
                JsonFields.Array(g, "Attachments").Select(a => JsonFields.String(a, "VpcId")).OfType<string>().ToList()))
            .ToList());
    }

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html: the CLI prints VpcEndpointType, RouteTableIds, PolicyDocument.
    public Task<IReadOnlyList<Ec2VpcEndpoint>> DescribeVpcEndpointsAsync(string vpcId, CancellationToken ct)
    {
        var command = $"aws ec2 describe-vpc-endpoints --filters {Q($"Name=vpc-id,Values={vpcId}")}";
        return Task.FromResult<IReadOnlyList<Ec2VpcEndpoint>>(JsonFields.Array(Load(AwsEvidenceNetworkFiles.DescribeVpcEndpoints, command), "VpcEndpoints")
            .Where(e => JsonFields.String(e, "VpcId") is null || JsonFields.String(e, "VpcId") == vpcId)
            .Select(e => new Ec2VpcEndpoint(
                JsonFields.String(e, "VpcEndpointId") ?? "",
                JsonFields.NonEmpty(JsonFields.String(e, "VpcId")),
                JsonFields.NonEmpty(JsonFields.String(e, "ServiceName")),
                JsonFields.NonEmpty(JsonFields.String(e, "VpcEndpointType")),
                JsonFields.NonEmpty(JsonFields.String(e, "State"))?.ToLowerInvariant(),
                JsonFields.Array(e, "RouteTableIds").Where(id => id.ValueKind == JsonValueKind.String).Select(id => id.GetString()).OfType<string>().Where(id => id.Length > 0).ToList(),
                JsonFields.NonEmpty(JsonFields.String(e, "PolicyDocument")),
                JsonFields.Bool(e, "PrivateDnsEnabled"),
                JsonFields.Object(e, "DnsOptions") is { } dns ? JsonFields.BoolOrNull(dns, "PrivateDnsOnlyForInboundResolverEndpoint") : null))
            .ToList());
    }

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html: the CLI prints NatGateways[].NatGatewayId, SubnetId, State, ConnectivityType.
    public Task<IReadOnlyList<Ec2NatGateway>> DescribeNatGatewaysAsync(string vpcId, CancellationToken ct)
    {
        // describe-nat-gateways takes --filter (singular): its request member is Filter (API_DescribeNatGateways.html).
        var command = $"aws ec2 describe-nat-gateways --filter {Q($"Name=vpc-id,Values={vpcId}")}";
        return Task.FromResult<IReadOnlyList<Ec2NatGateway>>(JsonFields.Array(Load(AwsEvidenceNetworkFiles.DescribeNatGateways, command), "NatGateways")
            .Where(n => JsonFields.String(n, "VpcId") is null || JsonFields.String(n, "VpcId") == vpcId)
            .Select(n => new Ec2NatGateway(
                JsonFields.String(n, "NatGatewayId") ?? "",
                JsonFields.NonEmpty(JsonFields.String(n, "VpcId")),
                JsonFields.NonEmpty(JsonFields.String(n, "SubnetId")),
                JsonFields.NonEmpty(JsonFields.String(n, "State")),
                JsonFields.NonEmpty(JsonFields.String(n, "ConnectivityType"))))
            .ToList());
    }

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html: the CLI prints SubnetId, VpcId, PrivateIpAddress, Association.PublicIp.
    public Task<IReadOnlyList<Ec2NetworkInterface>> DescribeNetworkInterfacesAsync(IReadOnlyList<string> networkInterfaceIds, CancellationToken ct)
    {
        var file = AwsEvidenceNetworkFiles.DescribeNetworkInterfaces;
        var command = $"aws ec2 describe-network-interfaces --network-interface-ids {string.Join(" ", networkInterfaceIds.Select(Q))}";
        var interfaces = JsonFields.Array(Load(file, command), "NetworkInterfaces")
            .Select(n => new Ec2NetworkInterface(
                JsonFields.String(n, "NetworkInterfaceId") ?? "",
                JsonFields.NonEmpty(JsonFields.String(n, "SubnetId")),
                JsonFields.NonEmpty(JsonFields.String(n, "VpcId")),
                JsonFields.NonEmpty(JsonFields.String(n, "PrivateIpAddress")),
                JsonFields.Object(n, "Association") is { } association ? JsonFields.NonEmpty(JsonFields.String(association, "PublicIp")) : null))
            .Where(n => networkInterfaceIds.Contains(n.NetworkInterfaceId))
            .ToList();
        var absent = networkInterfaceIds.Where(id => interfaces.All(n => n.NetworkInterfaceId != id)).ToList();
        return absent.Count > 0
            ? throw Missing(file, command, $"does not describe {string.Join(", ", absent)}")
            : Task.FromResult<IReadOnlyList<Ec2NetworkInterface>>(interfaces);
    }

    public Task<IReadOnlyList<string>> GetManagedPrefixListEntriesAsync(string prefixListId, CancellationToken ct)
    {
        var command = $"aws ec2 get-managed-prefix-list-entries --prefix-list-id {Q(prefixListId)}";
        return Task.FromResult<IReadOnlyList<string>>(JsonFields.Array(Load(AwsEvidenceNetworkFiles.GetManagedPrefixListEntries(prefixListId), command), "Entries")
            .Select(e => JsonFields.String(e, "Cidr")).OfType<string>().ToList());
    }

    private static int? PortRange(JsonElement entry, string end) =>
        JsonFields.Object(entry, "PortRange") is { } range ? JsonFields.Int(range, end) : null;

    // https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html: VpcId, ClusterSubnetGroupName, ClusterNodes, ElasticIpStatus.
    private static RedshiftClusterNetwork ClusterNetwork(JsonElement cluster) => new(
        JsonFields.NonEmpty(JsonFields.String(cluster, "VpcId")),
        JsonFields.NonEmpty(JsonFields.String(cluster, "ClusterSubnetGroupName")),
        JsonFields.Array(cluster, "ClusterNodes")
            .Select(n => new RedshiftNode(JsonFields.String(n, "NodeRole"), JsonFields.NonEmpty(JsonFields.String(n, "PrivateIPAddress")), JsonFields.NonEmpty(JsonFields.String(n, "PublicIPAddress"))))
            .ToList(),
        JsonFields.Object(cluster, "ElasticIpStatus") is { } eip ? JsonFields.NonEmpty(JsonFields.String(eip, "ElasticIp")) : null);
}
