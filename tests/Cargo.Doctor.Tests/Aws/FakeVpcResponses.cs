using System.Globalization;
using System.Security;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// The EC2 and Redshift responses of a <see cref="FakeVpc"/>, in the ec2 2016-11-15 and redshift 2012-12-01 wire shapes
/// of boto/botocore's models (EC2 lists are <c>xxxSet</c> of <c>item</c>; https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTable.html,
/// API_Route.html, API_NetworkAcl.html, API_NetworkAclEntry.html, API_Subnet.html, API_InternetGateway.html,
/// API_PrefixListEntry.html). Used by the stateful <see cref="FakeAwsAccount"/> and by the scripted scenarios.
/// </summary>
public static class FakeVpcResponses
{
    private const string Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private const string RedshiftNs = "http://redshift.amazonaws.com/doc/2012-12-01/";

    public const string SubnetGroupName = "cargo-subnets";

    /// <summary>
    /// A VPC a publicly accessible cluster works in: two subnets (10.0.1.0/24, 10.0.2.0/24), the main route table sending
    /// 0.0.0.0/0 to an attached internet gateway, and the default network ACL as AWS creates it, allow-all both ways
    /// before the final deny, and the same for IPv6 (rules 101 and the IPv6 "*"), as in a VPC with an IPv6 block
    /// (https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html).
    /// </summary>
    public static FakeVpc PublicVpc()
    {
        var vpc = new FakeVpc("vpc-0abc", "10.0.0.0/16");
        vpc.SubnetCidrs["subnet-0a"] = "10.0.1.0/24";
        vpc.SubnetCidrs["subnet-0b"] = "10.0.2.0/24";
        vpc.InternetGatewayIds.Add("igw-0main");
        var main = new FakeRouteTable("rtb-0main", isMain: true);
        main.Routes.Add(new FakeRoute("10.0.0.0/16", "local", Origin: "CreateRouteTable"));
        main.Routes.Add(new FakeRoute("0.0.0.0/0", "igw-0main"));
        main.Routes.Add(new FakeRoute("::/0", "igw-0main"));
        vpc.RouteTables.Add(main);
        var acl = new FakeNetworkAcl("acl-0default", isDefault: true);
        acl.SubnetIds.AddRange(vpc.SubnetCidrs.Keys);
        acl.Entries.AddRange([
            new FakeAclEntry(100, false, "-1", "allow", "0.0.0.0/0"),
            new FakeAclEntry(101, false, "-1", "allow", "::/0"),
            new FakeAclEntry(32767, false, "-1", "deny", "0.0.0.0/0"),
            new FakeAclEntry(32768, false, "-1", "deny", "::/0"),
            new FakeAclEntry(100, true, "-1", "allow", "0.0.0.0/0"),
            new FakeAclEntry(101, true, "-1", "allow", "::/0"),
            new FakeAclEntry(32767, true, "-1", "deny", "0.0.0.0/0"),
            new FakeAclEntry(32768, true, "-1", "deny", "::/0")]);
        vpc.NetworkAcls.Add(acl);
        return vpc;
    }

    /// <summary>Scripts every VPC read with <paramref name="vpc"/>'s state at the time of the call (the subnet group holds all its subnets).</summary>
    public static FakeAwsEndpoint RespondVpc(this FakeAwsEndpoint fake, FakeVpc vpc) => fake
        .Respond("DescribeClusterSubnetGroups", DescribeClusterSubnetGroups(new FakeSubnetGroup(SubnetGroupName, vpc.Id, [.. vpc.SubnetCidrs.Keys])))
        .Respond("DescribeSubnets", DescribeSubnets([vpc], []))
        .Respond("DescribeRouteTables", DescribeRouteTables([vpc]))
        .Respond("DescribeNetworkAcls", DescribeNetworkAcls([vpc]))
        .Respond("DescribeInternetGateways", DescribeInternetGateways([vpc]))
        .Respond("DescribeVpcEndpoints", DescribeVpcEndpoints([vpc]))
        .Respond("DescribeNatGateways", DescribeNatGateways([vpc]));

    public static FakeAwsResponse DescribeSubnets(IEnumerable<FakeVpc> vpcs, IReadOnlyList<string> ids) => Ec2Result("DescribeSubnets",
        $"<subnetSet>{string.Concat(vpcs.SelectMany(v => v.SubnetCidrs.Where(s => ids.Count == 0 || ids.Contains(s.Key)).Select(s =>
            $"<item><subnetId>{X(s.Key)}</subnetId><vpcId>{X(v.Id)}</vpcId><cidrBlock>{X(s.Value)}</cidrBlock><state>available</state></item>")))}</subnetSet>");

    public static FakeAwsResponse DescribeRouteTables(IEnumerable<FakeVpc> vpcs) => Ec2Result("DescribeRouteTables",
        $"<routeTableSet>{string.Concat(vpcs.SelectMany(v => v.RouteTables.Select(t => RouteTableXml(v, t))))}</routeTableSet>");

    public static FakeAwsResponse DescribeNetworkAcls(IEnumerable<FakeVpc> vpcs) => Ec2Result("DescribeNetworkAcls",
        $"<networkAclSet>{string.Concat(vpcs.SelectMany(v => v.NetworkAcls.Select(a => NetworkAclXml(v, a))))}</networkAclSet>");

    public static FakeAwsResponse DescribeInternetGateways(IEnumerable<FakeVpc> vpcs) => Ec2Result("DescribeInternetGateways",
        $"<internetGatewaySet>{string.Concat(vpcs.SelectMany(v => v.InternetGatewayIds.Select(g =>
            $"<item><internetGatewayId>{X(g)}</internetGatewayId><attachmentSet><item><vpcId>{X(v.Id)}</vpcId><state>available</state></item></attachmentSet></item>")))}</internetGatewaySet>");

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html in the query wire shape (botocore ec2 2016-11-15: natGatewaySet of item).
    public static FakeAwsResponse DescribeNatGateways(IEnumerable<FakeVpc> vpcs) => Ec2Result("DescribeNatGateways",
        $"<natGatewaySet>{string.Concat(vpcs.SelectMany(v => v.NatGateways.Select(n =>
            $"<item><natGatewayId>{X(n.Id)}</natGatewayId><vpcId>{X(v.Id)}</vpcId><subnetId>{X(n.SubnetId)}</subnetId><state>{X(n.State)}</state>"
            + $"<connectivityType>{X(n.ConnectivityType)}</connectivityType></item>")))}</natGatewaySet>");

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html in the query wire shape: routeTableIdSet of item, dnsOptions (API_DnsOptions.html).
    public static FakeAwsResponse DescribeVpcEndpoints(IEnumerable<FakeVpc> vpcs, IReadOnlyList<string>? ids = null) => Ec2Result("DescribeVpcEndpoints",
        $"<vpcEndpointSet>{string.Concat(vpcs.SelectMany(v => v.Endpoints.Where(e => ids is not { Count: > 0 } || ids.Contains(e.Id)).Select(e =>
            $"<item><vpcEndpointId>{X(e.Id)}</vpcEndpointId><vpcEndpointType>{X(e.Type)}</vpcEndpointType><vpcId>{X(v.Id)}</vpcId><serviceName>{X(e.ServiceName)}</serviceName>"
            + $"<state>available</state><policyDocument>{X(e.Policy)}</policyDocument><routeTableIdSet>{string.Concat(e.RouteTableIds.Select(t => $"<item>{X(t)}</item>"))}</routeTableIdSet>"
            + $"<privateDnsEnabled>{(e.PrivateDnsEnabled ? "true" : "false")}</privateDnsEnabled>"
            + (e.PrivateDnsOnlyForInboundResolverEndpoint is { } inbound
                ? $"<dnsOptions><dnsRecordIpType>ipv4</dnsRecordIpType><privateDnsOnlyForInboundResolverEndpoint>{(inbound ? "true" : "false")}</privateDnsOnlyForInboundResolverEndpoint></dnsOptions>"
                : "")
            + "</item>")))}</vpcEndpointSet>");

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html in the query wire shape: association.publicIp when an address is bound.
    public static FakeAwsResponse DescribeNetworkInterfaces(IEnumerable<(string VpcId, string Id, FakeNetworkInterface Eni)> interfaces) => Ec2Result("DescribeNetworkInterfaces",
        $"<networkInterfaceSet>{string.Concat(interfaces.Select(n =>
            $"<item><networkInterfaceId>{X(n.Id)}</networkInterfaceId><subnetId>{X(n.Eni.SubnetId)}</subnetId><vpcId>{X(n.VpcId)}</vpcId>"
            + $"<interfaceType>vpc_endpoint</interfaceType><requesterManaged>true</requesterManaged><status>in-use</status><privateIpAddress>{X(n.Eni.PrivateIp)}</privateIpAddress>"
            + (n.Eni.PublicIp is { } ip ? $"<association><publicIp>{X(ip)}</publicIp><ipOwnerId>{FakeAwsResponses.AccountId}</ipOwnerId></association>" : "")
            + "</item>"))}</networkInterfaceSet>");

    public static FakeAwsResponse GetManagedPrefixListEntries(IEnumerable<string> cidrs) => Ec2Result("GetManagedPrefixListEntries",
        $"<entrySet>{string.Concat(cidrs.Select(c => $"<item><cidr>{X(c)}</cidr></item>"))}</entrySet>");

    /// <summary>The VpcId-side members of a DescribeClusters cluster (https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html).</summary>
    public static string ClusterNetworkXml(string subnetGroupName = SubnetGroupName, string? leaderPrivateIp = "10.0.1.10", string? publicIp = "54.170.0.10", string? elasticIp = null) =>
        $"<ClusterSubnetGroupName>{X(subnetGroupName)}</ClusterSubnetGroupName>"
        + $"<ClusterNodes><member><NodeRole>SHARED</NodeRole><PrivateIPAddress>{X(leaderPrivateIp ?? "")}</PrivateIPAddress><PublicIPAddress>{X(publicIp ?? "")}</PublicIPAddress></member></ClusterNodes>"
        + (elasticIp is { } eip ? $"<ElasticIpStatus><ElasticIp>{X(eip)}</ElasticIp><Status>active</Status></ElasticIpStatus>" : "");

    public static FakeAwsResponse DescribeClusterSubnetGroups(FakeSubnetGroup group) => FakeAwsResponse.Xml(
        $"<DescribeClusterSubnetGroupsResponse xmlns=\"{RedshiftNs}\"><DescribeClusterSubnetGroupsResult><ClusterSubnetGroups><ClusterSubnetGroup>"
        + $"<ClusterSubnetGroupName>{X(group.Name)}</ClusterSubnetGroupName><VpcId>{X(group.VpcId)}</VpcId><SubnetGroupStatus>Complete</SubnetGroupStatus><Subnets>"
        + string.Concat(group.SubnetIds.Select(s => $"<Subnet><SubnetIdentifier>{X(s)}</SubnetIdentifier><SubnetStatus>Active</SubnetStatus></Subnet>"))
        + "</Subnets></ClusterSubnetGroup></ClusterSubnetGroups></DescribeClusterSubnetGroupsResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DescribeClusterSubnetGroupsResponse>");

    public static FakeAwsResponse Ec2Result(string operation, string body) => FakeAwsResponse.Xml(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{operation}Response xmlns=\"{Ec2Ns}\"><requestId>req-1</requestId>{body}</{operation}Response>");

    private static string RouteTableXml(FakeVpc vpc, FakeRouteTable table) =>
        $"<item><routeTableId>{X(table.Id)}</routeTableId><vpcId>{X(vpc.Id)}</vpcId><ownerId>{FakeAwsResponses.AccountId}</ownerId><routeSet>"
        + string.Concat(table.Routes.Select(r =>
            $"<item>{(r.Destination.StartsWith("pl-", StringComparison.Ordinal) ? $"<destinationPrefixListId>{X(r.Destination)}</destinationPrefixListId>"
                : r.Destination.Contains(':', StringComparison.Ordinal) ? $"<destinationIpv6CidrBlock>{X(r.Destination)}</destinationIpv6CidrBlock>" : $"<destinationCidrBlock>{X(r.Destination)}</destinationCidrBlock>")}"
            + $"<{TargetElement(r.Target)}>{X(r.Target)}</{TargetElement(r.Target)}><state>{r.State}</state><origin>{r.Origin}</origin></item>"))
        + "</routeSet><associationSet>"
        + (table.IsMain ? $"<item><routeTableAssociationId>rtbassoc-{X(table.Id)}-main</routeTableAssociationId><routeTableId>{X(table.Id)}</routeTableId><main>true</main><associationState><state>associated</state></associationState></item>" : "")
        + string.Concat(table.SubnetIds.Select(s => $"<item><routeTableAssociationId>rtbassoc-{X(s)}</routeTableAssociationId><routeTableId>{X(table.Id)}</routeTableId><subnetId>{X(s)}</subnetId><main>false</main><associationState><state>associated</state></associationState></item>"))
        + "</associationSet><propagatingVgwSet/><tagSet/></item>";

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html: one member per kind of target.
    private static string TargetElement(string target) => target.Split('-')[0] switch
    {
        "nat" => "natGatewayId",
        "tgw" => "transitGatewayId",
        "pcx" => "vpcPeeringConnectionId",
        "eni" => "networkInterfaceId",
        _ => "gatewayId",
    };

    private static string NetworkAclXml(FakeVpc vpc, FakeNetworkAcl acl) =>
        $"<item><networkAclId>{X(acl.Id)}</networkAclId><vpcId>{X(vpc.Id)}</vpcId><default>{(acl.IsDefault ? "true" : "false")}</default><entrySet>"
        + string.Concat(acl.Entries.Select(e =>
            $"<item><ruleNumber>{e.RuleNumber.ToString(CultureInfo.InvariantCulture)}</ruleNumber><protocol>{X(e.Protocol)}</protocol><ruleAction>{X(e.Action)}</ruleAction>"
            + $"<egress>{(e.Egress ? "true" : "false")}</egress>{(e.Cidr.Contains(':', StringComparison.Ordinal) ? $"<ipv6CidrBlock>{X(e.Cidr)}</ipv6CidrBlock>" : $"<cidrBlock>{X(e.Cidr)}</cidrBlock>")}"
            + (e.FromPort is { } from ? $"<portRange><from>{from.ToString(CultureInfo.InvariantCulture)}</from><to>{(e.ToPort ?? from).ToString(CultureInfo.InvariantCulture)}</to></portRange>" : "")
            + "</item>"))
        + "</entrySet><associationSet>"
        + string.Concat(acl.SubnetIds.Select(s => $"<item><networkAclAssociationId>aclassoc-{X(s)}</networkAclAssociationId><networkAclId>{X(acl.Id)}</networkAclId><subnetId>{X(s)}</subnetId></item>"))
        + "</associationSet><tagSet/></item>";

    private static string X(string value) => SecurityElement.Escape(value);
}
