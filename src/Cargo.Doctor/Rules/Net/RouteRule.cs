using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Network;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// net.route: a publicly accessible warehouse is reachable only through a subnet whose route table sends the client's
/// address to an internet gateway, and through a public address
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html). For each Cargo IP, the route table
/// of each subnet the warehouse may run in is looked up (longest prefix, <see cref="RouteLookup"/>). The subnet the
/// leader node is in decides (fail); the other subnets of the subnet group only warn, since a failover or a resize
/// can move the cluster there. A NAT gateway, a peering connection, a black hole or no route is a fail; a transit
/// gateway, a virtual private gateway, a VPC endpoint (Gateway Load Balancer or firewall) or a network interface is
/// unknown: the path continues where the doctor does not look. A workgroup runs where its network interfaces are, and its
/// public address is on them (<see cref="WarehouseSubnets"/>, AwsNetworkReader).
/// </summary>
public sealed class RouteRule : IRule
{
    public const string Id = "net.route";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!NetworkRequirement.TryGet(context, out var aws, out var network, out var notExamined))
        {
            return notExamined;
        }

        if (network.RouteTables is not { } tables)
        {
            return context.Unknown($"could not read the route tables of {network.VpcId ?? "the VPC"}: {network.RouteTablesGap ?? network.SubnetsGap}");
        }

        var details = new List<DetailItem>();
        var remediation = new List<RemediationStep>();
        var (failed, warned, unknown) = (0, 0, 0);
        foreach (var ipText in aws.CargoIps)
        {
            if (!Cidr.TryParse(ipText, out var ip) || CargoIpRanges.IsWide(ip))
            {
                // net.ingress says why; no route is proposed for it here.
                unknown++;
                details.Add(new($"{ipText}: not evaluated (not an IP, or a range too wide: see net.ingress)", Key(ipText, "-", "not-evaluated")));
                continue;
            }

            foreach (var subnet in network.SubnetIds)
            {
                var decides = WarehouseSubnets.Decides(network, subnet);
                var where = decides ? $"subnet {subnet}" : $"subnet {subnet} {WarehouseSubnets.OtherNote(network)}";
                if (RouteLookup.TableOf(tables, subnet) is not { } table)
                {
                    unknown++;
                    details.Add(new($"{ip}: {where} has no route table and the VPC has no main one in what AWS returned", Key(ipText, subnet, "no-table")));
                    continue;
                }

                var verdict = Judge(RouteLookup.Find(table, ip, network.PrefixLists), network);
                var text = $"{ip}: {where}, route table {table.RouteTableId}{(table.IsMain && !table.SubnetIds.Contains(subnet) ? " (the VPC's main table)" : "")}: {verdict.Text}";
                details.Add(new(text, Key(ipText, subnet, verdict.State)));
                switch (verdict.State)
                {
                    case "internet-gateway":
                        continue;
                    case "unknown":
                        unknown++;
                        continue;
                }

                if (decides)
                {
                    failed++;
                }
                else
                {
                    warned++;
                }

                if (remediation.All(r => !r.Text.Contains(table.RouteTableId, StringComparison.Ordinal) || !r.Text.Contains(ip.ToString(), StringComparison.Ordinal)))
                {
                    remediation.AddRange(Fix(context, aws, network, table, ip, verdict));
                }
            }
        }

        var publicAddress = PublicAddress(network);
        details.Add(publicAddress.Item);
        var target = $"{aws.Target!.Kind} {aws.Target.Identifier}";
        if (publicAddress.Missing)
        {
            remediation.AddRange(context.Remedy(network.NetworkInterfaces is null ? "no-public-address" : "no-public-address-workgroup", ("target", target)));
        }

        if (failed > 0 || publicAddress.Missing)
        {
            return context.FailItems(failed > 0
                ? $"{failed} route(s) from the warehouse's subnet do not send Cargo's traffic to an internet gateway"
                : $"{target} has no public IP address", details, remediation);
        }

        if (unknown > 0 || publicAddress.Unknown)
        {
            return context.UnknownItems(unknown > 0
                ? $"{unknown} route(s) lead where the doctor cannot follow (transit gateway, VPN, firewall, appliance or an unread prefix list)"
                : $"the public address of {target} was not read", details);
        }

        if (warned > 0)
        {
            return context.WarnItems($"{warned} route(s) in other subnets of {WarehouseSubnets.Group(network)} do not reach an internet gateway: a failover there would cut Cargo off", details, remediation);
        }

        return context.PassItems($"every Cargo IP ({aws.CargoIps.Count}) is routed to an internet gateway from the warehouse's subnets, and {target} has a public IP", details);
    }

    private sealed record Verdict(string State, string Text, RouteFacts? Route);

    private static Verdict Judge(RouteLookup.Match match, NetworkFacts network)
    {
        if (match.UnreadPrefixList is { } list)
        {
            return new("unknown", $"prefix list {list.PrefixListId} could not be read ({list.Gap})", null);
        }

        if (match.Route is not { } route)
        {
            return new("no-route", "no route matches it (replies to Cargo are dropped)", null);
        }

        var via = $"route {route.Destination}{(route.Destination == match.Via ? "" : $" (entry {match.Via})")} -> {route.Target ?? "no target"}";
        if (route.State == "blackhole")
        {
            return new("blackhole", $"{via} is a black hole (its target is gone)", route);
        }

        var target = route.Target ?? "";
        return target.Split('-')[0] switch
        {
            "igw" when network.InternetGatewayIds is null || network.InternetGatewayIds.Contains(target) => new("internet-gateway", via, route),
            "igw" => new("blackhole", $"{via}, an internet gateway not attached to the VPC", route),
            "nat" => new("nat", $"{via}: a NAT gateway lets the subnet out, not Cargo in (replies leave from the NAT's address)", route),
            "pcx" => new("peering", $"{via}: a VPC peering connection does not reach the internet", route),
            "local" => new("local", $"{via}: the address is inside the VPC", route),
            "tgw" => new("unknown", $"{via}: a transit gateway; check its route table sends {match.Via} to an internet egress and back", route),
            "vgw" => new("unknown", $"{via}: a virtual private gateway (VPN or Direct Connect); check the on-premises side routes Cargo's traffic back to the internet", route),
            "vpce" => new("unknown", $"{via}: a Gateway Load Balancer or firewall endpoint; check the firewall's subnet routes to an internet gateway and its rules allow Cargo", route),
            _ => new("unknown", $"{via}: an appliance or gateway the doctor does not follow; check it forwards Cargo's traffic to an internet gateway", route),
        };
    }

    private static IEnumerable<RemediationStep> Fix(RuleContext context, AwsFacts aws, NetworkFacts network, RouteTableFacts table, Cidr ip, Verdict verdict)
    {
        if (verdict.Route?.Destination == ip.ToString())
        {
            // A route for exactly this address exists: adding one is refused (RouteAlreadyExists) and replacing it is the customer's call.
            return context.Remedy("route-exists", ("table", table.RouteTableId), ("cidr", ip.ToString()), ("target", verdict.Route.Target ?? "no target"));
        }

        if (network.InternetGatewayIds is not [var gateway, ..])
        {
            return context.Remedy("no-internet-gateway", ("vpc", network.VpcId ?? "the VPC"), ("table", table.RouteTableId), ("cidr", ip.ToString()));
        }

        // A route for Cargo's address alone: more specific than any wider route, so it changes nothing else (longest prefix wins).
        var values = new[]
        {
            ("table", table.RouteTableId), ("table_sh", ShellQuote.Arg(table.RouteTableId)), ("cidr", ip.ToString()), ("cidr_sh", ShellQuote.Arg(ip.ToString())),
            ("gateway", gateway), ("gateway_sh", ShellQuote.Arg(gateway)), ("region_sh", ShellQuote.Arg(aws.Region)),
        };
        return context.Remedy(ip.IsIpv6 ? "add-route-ipv6" : "add-route-ipv4", values);
    }

    private static (DetailItem Item, bool Missing, bool Unknown) PublicAddress(NetworkFacts network) => network.PublicAddresses switch
    {
        null => (new($"public address: not read ({network.NetworkInterfacesGap?.ToString() ?? "AWS gave neither node addresses nor network interfaces"})", ItemKey.Of(("public-address", "not-read"))), false, true),
        [] when network.NetworkInterfaces is { } interfaces => (new(
            $"public address: none (no public IP on the workgroup's network interface(s) {string.Join(", ", interfaces.Select(n => n.NetworkInterfaceId))})",
            ItemKey.Of(("public-address", "none"))), true, false),
        [] => (new("public address: none (no node has a public IP and there is no Elastic IP)", ItemKey.Of(("public-address", "none"))), true, false),
        var addresses => (new($"public address: {string.Join(", ", addresses)}", ItemKey.Of(("public-address", "present"))), false, false),
    };

    private static ItemKey Key(string ip, string subnet, string state) => ItemKey.Of(("ip", ip), ("subnet", subnet), ("state", state));
}
