using System.Globalization;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Network;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// net.nacl: the network ACL of each subnet the warehouse may run in lets Cargo's connections in on the warehouse port
/// and the replies out to Cargo's ephemeral ports, 1024-65535: ACLs are stateless, so the reply needs its own outbound
/// rule (https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html#nacl-ephemeral-ports). Entries are
/// evaluated by <see cref="AclEvaluation"/>. The leader node's subnet decides; the other subnets of the group warn.
/// </summary>
public sealed class NetworkAclRule : IRule
{
    public const string Id = "net.nacl";

    /// <summary>The reply ports: "a client ... can use 1024-65535", the range the page recommends opening outbound.</summary>
    public const int EphemeralFrom = 1024;

    public const int EphemeralTo = 65535;

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!NetworkRequirement.TryGet(context, out var aws, out var network, out var notExamined))
        {
            return notExamined;
        }

        if (network.NetworkAcls is not { } acls)
        {
            return context.Unknown($"could not read the network ACLs of {network.VpcId ?? "the VPC"}: {network.NetworkAclsGap ?? network.SubnetsGap}");
        }

        var port = aws.Target!.Port ?? 5439;
        var details = new List<DetailItem>();
        var remediation = new List<RemediationStep>();
        var planned = new Dictionary<(string Acl, bool Egress), List<int>>();
        var (failed, warned, unknown) = (0, 0, 0);
        foreach (var ipText in aws.CargoIps)
        {
            if (!Cidr.TryParse(ipText, out var ip) || CargoIpRanges.IsWide(ip))
            {
                unknown++;
                details.Add(new($"{ipText}: not evaluated (not an IP, or a range too wide: see net.ingress)", Key(ipText, "-", "-", "not-evaluated")));
                continue;
            }

            foreach (var subnet in network.SubnetIds)
            {
                var decides = WarehouseSubnets.Decides(network, subnet);
                var where = decides ? $"subnet {subnet}" : $"subnet {subnet} {WarehouseSubnets.OtherNote(network)}";
                if (AclEvaluation.AclOf(acls, subnet) is not { } acl)
                {
                    unknown++;
                    details.Add(new($"{ip}: {where} has no network ACL in what AWS returned", Key(ipText, subnet, "-", "no-acl")));
                    continue;
                }

                foreach (var (egress, from, to, what) in new[] { (false, port, port, $"inbound TCP {port}"), (true, EphemeralFrom, EphemeralTo, $"outbound TCP {EphemeralFrom}-{EphemeralTo} (replies)") })
                {
                    var outcome = AclEvaluation.Evaluate(acl, egress, ip, from, to);
                    var direction = egress ? "outbound" : "inbound";
                    if (outcome.Allowed)
                    {
                        details.Add(new($"{ip}: {where}, {acl.NetworkAclId}: {what} allowed by rule {string.Join(", ", outcome.AllowingRules.Select(r => Number(r.RuleNumber)))}", Key(ipText, subnet, direction, "allowed")));
                        continue;
                    }

                    var denier = outcome.DenyingRule is { RuleNumber: < AclEvaluation.FinalRuleNumber } rule
                        ? $"rule {Number(rule.RuleNumber)} ({rule.RuleAction} {rule.Cidr}) comes first"
                        : "no rule allows it before the final * deny";
                    details.Add(new($"{ip}: {where}, {acl.NetworkAclId}: {what} denied: {denier}", Key(ipText, subnet, direction, "denied")));
                    if (decides)
                    {
                        failed++;
                    }
                    else
                    {
                        warned++;
                    }

                    remediation.AddRange(Fix(context, aws, acl, egress, ip, from, to, outcome, planned));
                }
            }
        }

        if (failed > 0)
        {
            return context.FailItems($"{failed} network ACL direction(s) of the warehouse's subnet block Cargo's traffic", details, remediation);
        }

        if (unknown > 0)
        {
            return context.UnknownItems($"{unknown} Cargo IP or subnet(s) could not be evaluated against the network ACLs", details);
        }

        if (warned > 0)
        {
            return context.WarnItems($"{warned} network ACL direction(s) of other subnets in {WarehouseSubnets.Group(network)} block Cargo: a failover there would cut Cargo off", details, remediation);
        }

        return context.PassItems($"the network ACLs let every Cargo IP ({aws.CargoIps.Count}) in on port {port} and the replies out", details);
    }

    private static IEnumerable<RemediationStep> Fix(
        RuleContext context, AwsFacts aws, NetworkAclFacts acl, bool egress, Cidr ip, int from, int to, AclEvaluation.Outcome outcome, Dictionary<(string, bool), List<int>> planned)
    {
        var key = (acl.NetworkAclId, egress);
        if (!planned.TryGetValue(key, out var numbers))
        {
            planned[key] = numbers = [.. acl.Entries.Where(e => e.Egress == egress).Select(e => e.RuleNumber)];
        }

        var before = outcome.DenyingRule is { RuleNumber: < AclEvaluation.FinalRuleNumber } denying ? denying.RuleNumber : AclEvaluation.FinalRuleNumber;
        if (AclEvaluation.FreeNumberBefore(numbers, before) is not { } number)
        {
            return context.Remedy("no-free-number", ("acl", acl.NetworkAclId), ("rule", Number(before)));
        }

        numbers.Add(number);
        return context.Remedy(egress ? "allow-outbound" : "allow-inbound",
            ("acl", acl.NetworkAclId), ("acl_sh", ShellQuote.Arg(acl.NetworkAclId)), ("rule", Number(number)),
            ("before", Number(before)), ("cidr", ip.ToString()),
            ("cidr_flag", ip.IsIpv6 ? "--ipv6-cidr-block" : "--cidr-block"), ("cidr_sh", ShellQuote.Arg(ip.ToString())),
            ("ports_sh", ShellQuote.Arg($"From={Number(from)},To={Number(to)}")), ("ports", from == to ? Number(from) : $"{Number(from)}-{Number(to)}"),
            ("region_sh", ShellQuote.Arg(aws.Region)));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static ItemKey Key(string ip, string subnet, string direction, string state) =>
        ItemKey.Of(("ip", ip), ("subnet", subnet), ("direction", direction), ("state", state));
}
