using Cargo.Doctor.AwsApi.Model;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Network;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// Reads the VPC around the warehouse into <see cref="NetworkFacts"/>: the subnet group (provisioned) or the workgroup's
/// network interfaces (Serverless), the subnets,
/// then the VPC's route tables, network ACLs, internet and NAT gateways and VPC endpoints, each in one call filtered by the VPC, and each
/// prefix list a route names. The number of calls does not grow with the number of subnets, routes or rules.
/// </summary>
internal sealed class AwsNetworkReader(IAwsNetworkSource source)
{
    /// <summary>What DescribeClusters says of the cluster's place (https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html).</summary>
    public static NetworkFacts? FromCluster(RedshiftCluster cluster) => cluster.Network is not { } network ? null : new NetworkFacts
    {
        VpcId = network.VpcId,
        SubnetGroupName = network.SubnetGroupName,
        // NodeRole LEADER, or SHARED on a single-node cluster (https://docs.aws.amazon.com/redshift/latest/APIReference/API_ClusterNode.html).
        LeaderPrivateIp = (network.Nodes.FirstOrDefault(n => n.Role is "LEADER" or "SHARED" && n.PrivateIp is not null) ?? network.Nodes.FirstOrDefault(n => n.PrivateIp is not null))?.PrivateIp,
        PublicAddresses = network.Nodes.Select(n => n.PublicIp).Append(network.ElasticIp).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
    };

    /// <summary>
    /// The workgroup's subnetIds and the network interfaces of its VPC endpoint
    /// (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Workgroup.html, API_VpcEndpoint.html).
    /// </summary>
    public static NetworkFacts? FromWorkgroup(ServerlessWorkgroup workgroup) => workgroup.SubnetIds is not { } ids ? null : new NetworkFacts
    {
        SubnetIds = ids,
        VpcId = workgroup.VpcId,
        NetworkInterfaces = (workgroup.NetworkInterfaces ?? []).Select(n => new NetworkInterfaceFacts(n.NetworkInterfaceId, n.SubnetId, n.PrivateIpAddress, null)).ToList(),
    };

    public async Task<AwsFacts> ReadAsync(AwsFacts facts, CancellationToken ct)
    {
        facts = await ReadPlacementAsync(facts, ct).ConfigureAwait(false);
        return facts.Network is { } network ? facts with { Network = await ReadPrefixListsAsync(network, facts.SecurityGroups, ct).ConfigureAwait(false) } : facts;
    }

    private async Task<AwsFacts> ReadPlacementAsync(AwsFacts facts, CancellationToken ct)
    {
        if (facts.Target is null)
        {
            return facts with { NetworkGap = AwsGaps.Because($"the {(facts.IsServerless ? "workgroup" : "cluster")} could not be read", facts.TargetGap!) };
        }

        if (facts.Network is not { } network)
        {
            return facts with { NetworkGap = new Gap($"AWS did not say which subnets {facts.Target.Kind} {facts.Target.Identifier} uses") };
        }

        if (network.SubnetGroupName is { } groupName && network.SubnetIds.Count == 0)
        {
            try
            {
                var group = await source.DescribeClusterSubnetGroupAsync(groupName, ct).ConfigureAwait(false);
                network = network with { SubnetIds = group.SubnetIds, VpcId = network.VpcId ?? group.VpcId };
            }
            catch (Exception e) when (AwsGaps.IsReadFailure(e))
            {
                return facts with { Network = network, NetworkGap = AwsGaps.From(e) };
            }
        }

        if (network.SubnetIds.Count == 0)
        {
            return facts with { Network = network, NetworkGap = new Gap($"AWS named no subnet for {facts.Target.Kind} {facts.Target.Identifier}") };
        }

        network = await ReadInterfacesAsync(network, ct).ConfigureAwait(false);
        network = await ReadSubnetsAsync(network, ct).ConfigureAwait(false);
        if (network.VpcId is not { } vpcId)
        {
            var cause = network.SubnetsGap ?? new Gap("AWS named no VPC for the subnets");
            return facts with
            {
                Network = network with { RouteTablesGap = cause, NetworkAclsGap = cause, InternetGatewaysGap = cause, VpcEndpointsGap = cause, NatGatewaysGap = cause },
            };
        }

        network = await ReadRoutesAsync(network, vpcId, ct).ConfigureAwait(false);
        network = await ReadAclsAsync(network, vpcId, ct).ConfigureAwait(false);
        network = await ReadGatewaysAsync(network, vpcId, ct).ConfigureAwait(false);
        network = await ReadNatGatewaysAsync(network, vpcId, ct).ConfigureAwait(false);
        return facts with { Network = await ReadEndpointsAsync(network, vpcId, ct).ConfigureAwait(false) };
    }

    private async Task<NetworkFacts> ReadSubnetsAsync(NetworkFacts network, CancellationToken ct)
    {
        try
        {
            var subnets = await source.DescribeSubnetsAsync(network.SubnetIds, ct).ConfigureAwait(false);
            var leader = network.LeaderPrivateIp is { } ip && Cidr.TryParse(ip, out var address) ? address : null;
            return network with
            {
                VpcId = network.VpcId ?? subnets.Select(s => s.VpcId).FirstOrDefault(v => v is not null),
                Subnets = subnets.Select(s => new SubnetFacts(s.SubnetId, s.CidrBlock)).ToList(),
                WarehouseSubnetId = leader is null ? null : subnets.FirstOrDefault(s => Cidr.TryParse(s.CidrBlock, out var block) && block.Contains(leader))?.SubnetId,
            };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return network with { SubnetsGap = AwsGaps.From(e) };
        }
    }

    /// <summary>
    /// Serverless: the workgroup's network interfaces in one call, for their subnets and public IPs. A publicly accessible
    /// workgroup gets an Elastic IP (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html), which
    /// shows on its interfaces as Association.PublicIp (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterfaceAssociation.html).
    /// </summary>
    private async Task<NetworkFacts> ReadInterfacesAsync(NetworkFacts network, CancellationToken ct)
    {
        if (network.NetworkInterfaces is not { } named)
        {
            return network;
        }

        if (named.Count == 0)
        {
            return network with { NetworkInterfacesGap = new Gap("GetWorkgroup named no network interface in endpoint.vpcEndpoints") };
        }

        try
        {
            var read = await source.DescribeNetworkInterfacesAsync(named.Select(n => n.NetworkInterfaceId).ToList(), ct).ConfigureAwait(false);
            var interfaces = named.Select(n => read.FirstOrDefault(r => r.NetworkInterfaceId == n.NetworkInterfaceId) is { } eni
                ? new NetworkInterfaceFacts(n.NetworkInterfaceId, eni.SubnetId ?? n.SubnetId, eni.PrivateIpAddress ?? n.PrivateIp, eni.PublicIp)
                : n).ToList();
            return network with
            {
                NetworkInterfaces = interfaces,
                VpcId = network.VpcId ?? read.Select(r => r.VpcId).FirstOrDefault(v => v is not null),
                PublicAddresses = interfaces.Select(n => n.PublicIp).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return network with { NetworkInterfacesGap = AwsGaps.From(e) };
        }
    }

    private Task<NetworkFacts> ReadRoutesAsync(NetworkFacts network, string vpcId, CancellationToken ct) =>
        ReadOrGapAsync(network, () => source.DescribeRouteTablesAsync(vpcId, ct), (tables, n) => n with
        {
            RouteTables = tables.Select(t => new RouteTableFacts(
                t.RouteTableId,
                t.IsMain,
                t.SubnetIds,
                t.Routes.Select(r => new RouteFacts(r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? "", r.Target, r.State, r.Origin)).ToList()))
                .ToList(),
        }, (gap, n) => n with { RouteTablesGap = gap });

    private Task<NetworkFacts> ReadAclsAsync(NetworkFacts network, string vpcId, CancellationToken ct) =>
        ReadOrGapAsync(network, () => source.DescribeNetworkAclsAsync(vpcId, ct), (acls, n) => n with
        {
            NetworkAcls = acls.Select(a => new NetworkAclFacts(
                a.NetworkAclId,
                a.IsDefault,
                a.SubnetIds,
                a.Entries.Select(e => new NetworkAclEntryFacts(e.RuleNumber, e.Protocol, e.RuleAction, e.Egress, e.CidrBlock ?? e.Ipv6CidrBlock, e.FromPort, e.ToPort)).ToList()))
                .ToList(),
        }, (gap, n) => n with { NetworkAclsGap = gap });

    private Task<NetworkFacts> ReadGatewaysAsync(NetworkFacts network, string vpcId, CancellationToken ct) =>
        ReadOrGapAsync(network, () => source.DescribeInternetGatewaysAsync(vpcId, ct), (gateways, n) => n with
        {
            InternetGatewayIds = gateways.Where(g => g.AttachedVpcIds.Contains(vpcId)).Select(g => g.InternetGatewayId).ToList(),
        }, (gap, n) => n with { InternetGatewaysGap = gap });

    private Task<NetworkFacts> ReadNatGatewaysAsync(NetworkFacts network, string vpcId, CancellationToken ct) =>
        ReadOrGapAsync(network, () => source.DescribeNatGatewaysAsync(vpcId, ct), (gateways, n) => n with
        {
            NatGateways = gateways.Where(g => g.VpcId is null || g.VpcId == vpcId)
                .Select(g => new NatGatewayFacts(g.NatGatewayId, g.SubnetId, g.State, g.ConnectivityType)).ToList(),
        }, (gap, n) => n with { NatGatewaysGap = gap });

    private Task<NetworkFacts> ReadEndpointsAsync(NetworkFacts network, string vpcId, CancellationToken ct) =>
        ReadOrGapAsync(network, () => source.DescribeVpcEndpointsAsync(vpcId, ct), (endpoints, n) => n with
        {
            VpcEndpoints = endpoints.Where(e => e.VpcId is null || e.VpcId == vpcId)
                .Select(e => new VpcEndpointFacts(e.VpcEndpointId, e.ServiceName, e.Type, e.State, e.RouteTableIds, e.PolicyDocument, e.PrivateDnsEnabled, e.PrivateDnsOnlyForInboundResolverEndpoint)).ToList(),
        }, (gap, n) => n with { VpcEndpointsGap = gap });

    /// <summary>One describe call: its result applied to the facts, or the gap it left when AWS refused or failed (never both).</summary>
    private static async Task<NetworkFacts> ReadOrGapAsync<T>(
        NetworkFacts network, Func<Task<T>> read, Func<T, NetworkFacts, NetworkFacts> apply, Func<Gap, NetworkFacts, NetworkFacts> gap)
    {
        T result;
        try
        {
            result = await read().ConfigureAwait(false);
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return gap(AwsGaps.From(e), network);
        }

        return apply(result, network);
    }

    /// <summary>Each prefix list a route or a security-group rule names, read once.</summary>
    private async Task<NetworkFacts> ReadPrefixListsAsync(NetworkFacts network, IReadOnlyList<SecurityGroupFacts>? groups, CancellationToken ct)
    {
        var lists = new List<PrefixListFacts>();
        foreach (var id in (network.RouteTables ?? []).SelectMany(t => t.Routes).Select(r => r.Destination)
                     .Where(d => d.StartsWith("pl-", StringComparison.Ordinal))
                     .Concat((groups ?? []).SelectMany(g => g.Inbound).SelectMany(r => r.PrefixListIds))
                     .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            try
            {
                lists.Add(new PrefixListFacts(id, await source.GetManagedPrefixListEntriesAsync(id, ct).ConfigureAwait(false)));
            }
            catch (Exception e) when (AwsGaps.IsReadFailure(e))
            {
                lists.Add(new PrefixListFacts(id, null, AwsGaps.From(e)));
            }
        }

        return network with { PrefixLists = lists };
    }
}
