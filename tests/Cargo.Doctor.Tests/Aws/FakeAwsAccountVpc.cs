using System.Globalization;
using System.Net.Sockets;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// EC2 VPC reads and the additive writes a fix uses (CreateRoute, CreateNetworkAclEntry, CreateVpcEndpoint, ModifyVpcEndpoint), in the ec2 2016-11-15 wire shapes of boto/botocore's model:
/// DescribeSubnets, DescribeRouteTables (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html:
/// the main table's association has main=true), DescribeNetworkAcls
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkAcls.html), DescribeInternetGateways,
/// DescribeVpcEndpoints (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpoints.html), DescribeNatGateways
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html, filter vpc-id), DescribeNetworkInterfaces
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html: an unknown id is InvalidNetworkInterfaceID.NotFound), GetManagedPrefixListEntries, CreateRoute (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html:
/// a route with the same destination is refused, RouteAlreadyExists; an internet gateway must be attached,
/// Gateway.NotAttached, and a NAT gateway must exist, InvalidNatGatewayID.NotFound: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html) and
/// CreateNetworkAclEntry (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html: rule
/// numbers 1-32766, one entry per number and direction, NetworkAclEntryAlreadyExists otherwise). Redshift's
/// DescribeClusterSubnetGroups (https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeClusterSubnetGroups.html,
/// ClusterSubnetGroupNotFoundFault). The fake stores and reports; it decides no route or ACL match.
/// </summary>
public sealed partial class FakeAwsAccount
{
    public Dictionary<string, FakeVpc> Vpcs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeSubnetGroup> SubnetGroups { get; } = new(StringComparer.Ordinal);

    /// <summary>Managed prefix lists: id to CIDRs.</summary>
    public Dictionary<string, List<string>> PrefixLists { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Puts <paramref name="cluster"/> in <see cref="FakeVpcResponses.PublicVpc"/>: a subnet group of both subnets, the
    /// leader node at 10.0.1.10 (subnet-0a) with public IP 54.170.0.10.
    /// </summary>
    public FakeVpc AddPublicVpc(FakeCluster cluster)
    {
        var vpc = Vpcs["vpc-0abc"] = FakeVpcResponses.PublicVpc();
        SubnetGroups[FakeVpcResponses.SubnetGroupName] = new FakeSubnetGroup(FakeVpcResponses.SubnetGroupName, vpc.Id, [.. vpc.SubnetCidrs.Keys]);
        cluster.SubnetGroupName = FakeVpcResponses.SubnetGroupName;
        cluster.LeaderPrivateIp = "10.0.1.10";
        cluster.PublicIp = "54.170.0.10";
        return vpc;
    }

    /// <summary>
    /// Puts <paramref name="workgroup"/> in <see cref="FakeVpcResponses.PublicVpc"/>: both subnets, and its VPC endpoint's one
    /// network interface in subnet-0a (10.0.1.20) with the Elastic IP 54.170.0.20.
    /// </summary>
    public FakeVpc AddPublicVpc(FakeWorkgroup workgroup)
    {
        var vpc = Vpcs["vpc-0abc"] = FakeVpcResponses.PublicVpc();
        workgroup.VpcId = vpc.Id;
        workgroup.SubnetIds.AddRange(vpc.SubnetCidrs.Keys);
        vpc.NetworkInterfaces["eni-0wg"] = new FakeNetworkInterface("subnet-0a", "10.0.1.20", "54.170.0.20");
        workgroup.NetworkInterfaceIds.Add("eni-0wg");
        return vpc;
    }

    private FakeAwsResponse? Vpc(string operation, IReadOnlyDictionary<string, string> form)
    {
        switch (operation)
        {
            case "DescribeSubnets":
                var ids = List(form, "SubnetId");
                var subnets = Vpcs.Values.SelectMany(v => v.SubnetCidrs.Select(s => (Vpc: v, Id: s.Key, Cidr: s.Value))).ToList();
                if (ids.FirstOrDefault(id => subnets.All(s => s.Id != id)) is { } missing)
                {
                    return Ec2Error(400, "InvalidSubnetID.NotFound", $"The subnet ID '{missing}' does not exist");
                }

                return FakeVpcResponses.DescribeSubnets(Vpcs.Values, ids);
            case "DescribeRouteTables":
                return FakeVpcResponses.DescribeRouteTables(Filtered(form, "vpc-id"));
            case "DescribeNetworkAcls":
                return FakeVpcResponses.DescribeNetworkAcls(Filtered(form, "vpc-id"));
            case "DescribeInternetGateways":
                return FakeVpcResponses.DescribeInternetGateways(Filtered(form, "attachment.vpc-id"));
            case "DescribeNatGateways":
                return FakeVpcResponses.DescribeNatGateways(Filtered(form, "vpc-id"));
            case "DescribeVpcEndpoints":
                var endpointIds = List(form, "VpcEndpointId");
                return FakeVpcResponses.DescribeVpcEndpoints(Filtered(form, "vpc-id"), endpointIds);
            case "ModifyVpcEndpoint":
                return ModifyVpcEndpoint(form);
            case "CreateVpcEndpoint":
                return CreateVpcEndpoint(form);
            case "DescribeNetworkInterfaces":
                var eniIds = List(form, "NetworkInterfaceId");
                var interfaces = Vpcs.Values.SelectMany(v => v.NetworkInterfaces.Select(n => (Vpc: v, Id: n.Key, Eni: n.Value))).ToList();
                if (eniIds.FirstOrDefault(id => interfaces.All(n => n.Id != id)) is { } absent)
                {
                    return Ec2Error(400, "InvalidNetworkInterfaceID.NotFound", $"The networkInterface ID '{absent}' does not exist");
                }

                return FakeVpcResponses.DescribeNetworkInterfaces(interfaces.Where(n => eniIds.Count == 0 || eniIds.Contains(n.Id)).Select(n => (n.Vpc.Id, n.Id, n.Eni)));
            case "GetManagedPrefixListEntries":
                var listId = form.GetValueOrDefault("PrefixListId", "");
                return PrefixLists.TryGetValue(listId, out var cidrs)
                    ? FakeVpcResponses.GetManagedPrefixListEntries(cidrs)
                    : Ec2Error(400, "InvalidPrefixListID.NotFound", $"The prefix list ID '{listId}' does not exist");
            case "CreateRoute":
                return CreateRoute(form);
            case "CreateNetworkAclEntry":
                return CreateNetworkAclEntry(form);
            default:
                return null;
        }
    }

    private FakeAwsResponse CreateRoute(IReadOnlyDictionary<string, string> form)
    {
        var tableId = form.GetValueOrDefault("RouteTableId", "");
        if (Vpcs.Values.SelectMany(v => v.RouteTables.Select(t => (Vpc: v, Table: t))).FirstOrDefault(x => x.Table.Id == tableId) is not { Table: not null } found)
        {
            return Ec2Error(400, "InvalidRouteTableID.NotFound", $"The routeTable ID '{tableId}' does not exist");
        }

        if (FakeEc2Cidr.Canonical(form.GetValueOrDefault("DestinationCidrBlock", ""), AddressFamily.InterNetwork) is not { } destination)
        {
            return Ec2Error(400, "InvalidParameterValue", "Value for parameter destinationCidrBlock is invalid.");
        }

        if (found.Table.Routes.Any(r => r.Destination == destination))
        {
            return Ec2Error(400, "RouteAlreadyExists", $"The route identified by {destination} already exists.");
        }

        var target = form.GetValueOrDefault("GatewayId") ?? form.GetValueOrDefault("NatGatewayId") ?? "";
        if (target.StartsWith("igw-", StringComparison.Ordinal) && !found.Vpc.InternetGatewayIds.Contains(target))
        {
            return Ec2Error(400, "Gateway.NotAttached", $"resource {target} is not attached to network {found.Vpc.Id}");
        }

        if (target.StartsWith("nat-", StringComparison.Ordinal) && found.Vpc.NatGateways.All(n => n.Id != target))
        {
            return Ec2Error(400, "InvalidNatGatewayID.NotFound", $"The natGateway ID '{target}' does not exist");
        }

        found.Table.Routes.Add(new FakeRoute(destination, target));
        return FakeVpcResponses.Ec2Result("CreateRoute", "<return>true</return>");
    }

    /// <summary>
    /// ModifyVpcEndpoint with PolicyDocument replaces the whole policy
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpoint.html); a document that is not JSON is refused.
    /// </summary>
    private FakeAwsResponse ModifyVpcEndpoint(IReadOnlyDictionary<string, string> form)
    {
        var id = form.GetValueOrDefault("VpcEndpointId", "");
        if (Vpcs.Values.SelectMany(v => v.Endpoints).FirstOrDefault(e => e.Id == id) is not { } endpoint)
        {
            return Ec2Error(400, "InvalidVpcEndpointId.NotFound", $"The Vpc Endpoint Id '{id}' does not exist");
        }

        if (form.TryGetValue("PolicyDocument", out var policy))
        {
            try
            {
                using var parsed = System.Text.Json.JsonDocument.Parse(policy);
            }
            catch (System.Text.Json.JsonException)
            {
                return Ec2Error(400, "MalformedPolicy", "Policy document is not valid JSON");
            }

            endpoint.Policy = policy;
        }

        // AddRouteTableId.N associates more route tables with a gateway endpoint; the ones it has stay.
        foreach (var tableId in List(form, "AddRouteTableId"))
        {
            if (!Vpcs.Values.SelectMany(v => v.RouteTables).Any(t => t.Id == tableId))
            {
                return Ec2Error(400, "InvalidRouteTableId.NotFound", $"The routeTable ID '{tableId}' does not exist");
            }

            if (!endpoint.RouteTableIds.Contains(tableId))
            {
                endpoint.RouteTableIds.Add(tableId);
            }
        }

        return FakeVpcResponses.Ec2Result("ModifyVpcEndpoint", "<return>true</return>");
    }

    /// <summary>
    /// CreateVpcEndpoint (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html): a gateway
    /// endpoint in the VPC with the route tables RouteTableId.N and the PolicyDocument given (full access when none is given,
    /// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
    /// </summary>
    private FakeAwsResponse CreateVpcEndpoint(IReadOnlyDictionary<string, string> form)
    {
        var vpcId = form.GetValueOrDefault("VpcId", "");
        if (!Vpcs.TryGetValue(vpcId, out var vpc))
        {
            return Ec2Error(400, "InvalidVpcId.NotFound", $"The vpc ID '{vpcId}' does not exist");
        }

        var tables = List(form, "RouteTableId");
        if (tables.FirstOrDefault(t => vpc.RouteTables.All(r => r.Id != t)) is { } missing)
        {
            return Ec2Error(400, "InvalidRouteTableId.NotFound", $"The routeTable ID '{missing}' does not exist");
        }

        var policy = form.GetValueOrDefault("PolicyDocument") ?? """{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}""";
        var endpoint = new FakeVpcEndpoint($"vpce-0new{vpc.Endpoints.Count}", form.GetValueOrDefault("ServiceName", ""), form.GetValueOrDefault("VpcEndpointType", "Gateway")) { Policy = policy };
        endpoint.RouteTableIds.AddRange(tables);
        vpc.Endpoints.Add(endpoint);
        return FakeVpcResponses.Ec2Result("CreateVpcEndpoint", $"<vpcEndpoint><vpcEndpointId>{X(endpoint.Id)}</vpcEndpointId><vpcId>{X(vpc.Id)}</vpcId></vpcEndpoint>");
    }

    private FakeAwsResponse CreateNetworkAclEntry(IReadOnlyDictionary<string, string> form)
    {
        var aclId = form.GetValueOrDefault("NetworkAclId", "");
        if (Vpcs.Values.SelectMany(v => v.NetworkAcls).FirstOrDefault(a => a.Id == aclId) is not { } acl)
        {
            return Ec2Error(400, "InvalidNetworkAclID.NotFound", $"The network ACL ID '{aclId}' does not exist");
        }

        if (!int.TryParse(form.GetValueOrDefault("RuleNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 32766
            || FakeEc2Cidr.Canonical(form.GetValueOrDefault("CidrBlock", ""), AddressFamily.InterNetwork) is not { } cidr)
        {
            return Ec2Error(400, "InvalidParameterValue", "Value for parameter ruleNumber or cidrBlock is invalid.");
        }

        var egress = form.GetValueOrDefault("Egress") == "true";
        if (acl.Entries.Any(e => e.RuleNumber == number && e.Egress == egress))
        {
            return Ec2Error(400, "NetworkAclEntryAlreadyExists", $"The network acl entry identified by {number} already exists.");
        }

        // Names are accepted and reported as protocol numbers (the API's Protocol: "-1" or a protocol number).
        var protocol = form.GetValueOrDefault("Protocol", "") switch { "tcp" => "6", "udp" => "17", "icmp" => "1", "all" => "-1", var p => p };
        acl.Entries.Add(new FakeAclEntry(number, egress, protocol, form.GetValueOrDefault("RuleAction", ""), cidr, Int(form, "PortRange.From"), Int(form, "PortRange.To")));
        return FakeVpcResponses.Ec2Result("CreateNetworkAclEntry", "<return>true</return>");
    }

    private FakeAwsResponse? RedshiftVpc(string operation, IReadOnlyDictionary<string, string> form)
    {
        if (operation != "DescribeClusterSubnetGroups")
        {
            return null;
        }

        var name = form.GetValueOrDefault("ClusterSubnetGroupName", "");
        return SubnetGroups.TryGetValue(name, out var group)
            ? FakeVpcResponses.DescribeClusterSubnetGroups(group)
            : QueryError(400, "ClusterSubnetGroupNotFoundFault", $"Cluster subnet group {name} not found.");
    }

    /// <summary>The VpcId, ClusterSubnetGroupName, ClusterNodes and ElasticIpStatus of DescribeClusters (https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html).</summary>
    private static string ClusterNetworkXml(FakeCluster cluster) => cluster.SubnetGroupName is not { } name ? "" :
        FakeVpcResponses.ClusterNetworkXml(name, cluster.LeaderPrivateIp, cluster.PublicIp, cluster.ElasticIp);

    private IEnumerable<FakeVpc> Filtered(IReadOnlyDictionary<string, string> form, string filterName)
    {
        for (var n = 1; form.TryGetValue($"Filter.{n}.Name", out var name); n++)
        {
            if (name == filterName)
            {
                var values = List(form, $"Filter.{n}.Value");
                return Vpcs.Values.Where(v => values.Contains(v.Id));
            }
        }

        return Vpcs.Values;
    }

    private static int? Int(IReadOnlyDictionary<string, string> form, string key) =>
        int.TryParse(form.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
