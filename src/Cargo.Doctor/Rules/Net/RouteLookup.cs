using Cargo.Doctor.Facts;
using Cargo.Doctor.Network;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// Which route of a route table carries traffic to an address. "We direct traffic using the most specific route that
/// matches the traffic ... longest prefix match"; at equal length a static route wins over a prefix-list route, which
/// wins over a propagated one (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html). A prefix
/// list route counts with the length of its entry that holds the address.
/// </summary>
internal static class RouteLookup
{
    /// <param name="Route">The deciding route; null when none matches (or <paramref name="UnreadPrefixList"/> is set).</param>
    /// <param name="Via">The CIDR that matched: the route's own, or the prefix-list entry.</param>
    /// <param name="UnreadPrefixList">A prefix list some route names whose entries could not be read: the answer is not known.</param>
    public sealed record Match(RouteFacts? Route, string? Via, PrefixListFacts? UnreadPrefixList);

    public static Match Find(RouteTableFacts table, Cidr address, IReadOnlyList<PrefixListFacts> prefixLists)
    {
        var candidates = new List<(RouteFacts Route, Cidr Via, int Priority)>();
        foreach (var route in table.Routes)
        {
            if (route.Destination.StartsWith("pl-", StringComparison.Ordinal))
            {
                var list = prefixLists.FirstOrDefault(p => p.PrefixListId == route.Destination);
                if (list?.Cidrs is not { } cidrs)
                {
                    return new Match(null, null, list ?? new PrefixListFacts(route.Destination, null, new Gap("its entries were not read")));
                }

                candidates.AddRange(cidrs.Select(c => Cidr.TryParse(c, out var entry) ? entry : null).OfType<Cidr>()
                    .Where(entry => Holds(entry, address)).Select(entry => (route, entry, 1)));
            }
            else if (Cidr.TryParse(route.Destination, out var destination) && Holds(destination, address))
            {
                candidates.Add((route, destination, route.Origin == "EnableVgwRoutePropagation" ? 2 : 0));
            }
        }

        var best = candidates.OrderByDescending(c => c.Via.PrefixLength).ThenBy(c => c.Priority).FirstOrDefault();
        return best.Route is null ? new Match(null, null, null) : new Match(best.Route, best.Via.ToString(), null);
    }

    /// <summary>The route table a subnet uses: its explicit association, else the VPC's main table (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html).</summary>
    public static RouteTableFacts? TableOf(IReadOnlyList<RouteTableFacts> tables, string subnetId) =>
        tables.FirstOrDefault(t => t.SubnetIds.Contains(subnetId)) ?? tables.FirstOrDefault(t => t.IsMain);

    private static bool Holds(Cidr range, Cidr address) => range.IsIpv6 == address.IsIpv6 && range.Contains(address);
}
