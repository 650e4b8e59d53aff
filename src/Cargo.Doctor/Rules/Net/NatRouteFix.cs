using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// net.data-path's fix for a bucket in another region than the warehouse, from a route table with no 0.0.0.0/0 route: the
/// VPC's S3 gateway endpoint cannot serve it (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html), so
/// the traffic needs a NAT gateway. One qualifies when it is available, public (a private NAT gateway cannot reach the
/// internet: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html) and its own subnet's route table sends
/// 0.0.0.0/0 to an internet gateway of the VPC. Then the fix adds that route with CreateRoute, which refuses an existing
/// destination (RouteAlreadyExists, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html), after the
/// script checks that the table still has no 0.0.0.0/0 route. Otherwise, or when the NAT gateways were not read, the text remedy.
/// </summary>
internal static class NatRouteFix
{
    public static IReadOnlyList<RemediationStep> For(
        RuleContext context, AwsFacts aws, NetworkFacts network, IReadOnlyList<RouteTableFacts> tables, RouteTableFacts table, string region, string bucket)
    {
        (string Name, string Value)[] names = [("table", table.RouteTableId), ("region", region), ("bucket", bucket)];
        if (table.Routes.Any(r => r.Destination == "0.0.0.0/0") || network.VpcId is not { } vpcId
            || Usable(network, tables) is not { } found)
        {
            return context.Remedy("add-nat-route", names);
        }

        var (nat, natTable, gateway) = found;
        var changed = $"stopped: route table {table.RouteTableId} has a 0.0.0.0/0 route now, which cargo-doctor did not see; run cargo-doctor check again";
        return context.Remedy("add-nat-gateway-route",
        [
            .. names, ("vpc", vpcId), ("nat", nat.NatGatewayId), ("nat_subnet", nat.SubnetId!), ("nat_table", natTable.RouteTableId), ("igw", gateway),
            ("vpc_sh", ShellQuote.Arg(vpcId)), ("table_sh", ShellQuote.Arg(table.RouteTableId)), ("nat_sh", ShellQuote.Arg(nat.NatGatewayId)),
            ("region_sh", ShellQuote.Arg(aws.Region)),
            ("guard_sh", ShellQuote.Arg($"RouteTables[?RouteTableId=='{table.RouteTableId}'].Routes[] | [?DestinationCidrBlock=='0.0.0.0/0'] | length(@)")),
            ("changed_sh", ShellQuote.Arg(changed)),
        ]);
    }

    /// <summary>The first (by id) available public NAT gateway whose subnet's table routes 0.0.0.0/0 to an attached internet gateway.</summary>
    private static (NatGatewayFacts Nat, RouteTableFacts Table, string Gateway)? Usable(NetworkFacts network, IReadOnlyList<RouteTableFacts> tables)
    {
        if (network is not { NatGateways: { } gateways, InternetGatewayIds: { } internet })
        {
            return null;
        }

        foreach (var nat in gateways.OrderBy(g => g.NatGatewayId, StringComparer.Ordinal))
        {
            // API_NatGateway.html: only "available" processes traffic; ConnectivityType public reaches the internet.
            if (!Is(nat.State, "available") || !Is(nat.ConnectivityType, "public") || nat.SubnetId is not { } subnet
                || RouteLookup.TableOf(tables, subnet) is not { } natTable)
            {
                continue;
            }

            var route = natTable.Routes.FirstOrDefault(r => r.Destination == "0.0.0.0/0");
            if (route is { Target: { } target } && route.State != "blackhole" && internet.Contains(target))
            {
                return (nat, natTable, target);
            }
        }

        return null;
    }

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
