using System.Globalization;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Network;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// net.ingress: for every Cargo IP, some inbound rule of the cluster's or workgroup's security groups
/// admits it on the warehouse port (TCP range holding the port, or all traffic). A rule that names a
/// prefix list counts with the list's entries (https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html);
/// one whose entries could not be read, or that names another security group, cannot be judged from an
/// IP: it makes the answer unknown, never a pass.
/// </summary>
public sealed class IngressRule : IRule
{
    public const string Id = "net.ingress";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!AwsRequirement.TryGet(context, out var aws, out var skipped))
        {
            return skipped;
        }

        if (aws.CargoIps.Count == 0)
        {
            return context.Skipped("no Cargo IP given: pass --cargo-ip (Cargo's public IP, from your Cargo workspace settings)");
        }

        if (aws.SecurityGroups is not { } groups)
        {
            return context.Unknown($"could not read the security groups of {AwsRequirement.Describe(aws)}: {aws.SecurityGroupsGap}");
        }

        var target = aws.Target!;
        var port = target.Port ?? 5439;
        if (groups.Count == 0)
        {
            return context.Fail($"{target.Kind} {target.Identifier} has no VPC security group", null,
                context.Remedy("no-security-group", ("target", $"{target.Kind} {target.Identifier}")));
        }

        var details = new List<DetailItem>();
        var remediation = new List<RemediationStep>();
        var (missing, unevaluable, wide) = (0, 0, 0);
        foreach (var ipText in aws.CargoIps)
        {
            if (!Cidr.TryParse(ipText, out var ip))
            {
                // Only a redacted or hand-edited facts file gets here: the CLI validates --cargo-ip first.
                unevaluable++;
                details.Add(new($"{ipText}: not an IP address or CIDR{(context.Facts.Redacted ? " (the facts were redacted: replay the unredacted facts file)" : "")}", Key(ipText, "invalid")));
                continue;
            }

            if (CargoIpRanges.IsWide(ip))
            {
                // Never propose opening the warehouse port to a range this wide, admitted or not (--allow-wide-cidr).
                wide++;
                details.Add(new($"{ip}: wider than /{CargoIpRanges.Limit(ip)}: not evaluated, and no rule is proposed that opens port {port} to it; give Cargo's own IPs (--cargo-ip)", Key(ipText, "too-wide")));
                continue;
            }

            var lists = aws.Network?.PrefixLists ?? [];
            var admitting = groups.SelectMany(g => g.Inbound.Select(r => (Group: g, Rule: r)))
                .FirstOrDefault(x => CoversPort(x.Rule, port) && Ranges(x.Rule, ip, lists).Any(range => range.Range.Contains(ip)));
            if (admitting.Group is not null)
            {
                var range = Ranges(admitting.Rule, ip, lists).First(r => r.Range.Contains(ip));
                details.Add(new($"{ip}: admitted by {admitting.Group.GroupId} ({Describe(admitting.Rule)} from {range.Range}{(range.PrefixListId is { } pl ? $", an entry of prefix list {pl}" : "")})", Key(ipText, "admitted")));
                continue;
            }

            var otherPorts = groups.SelectMany(g => g.Inbound.Select(r => (Group: g, Rule: r)))
                .Where(x => Ranges(x.Rule, ip, lists).Any(range => range.Range.Contains(ip)))
                .Select(x => $"{x.Group.GroupId} admits it on {Describe(x.Rule)} only")
                .ToList();
            var opaque = groups.SelectMany(g => g.Inbound.Select(r => (Group: g, Rule: r)))
                .Where(x => CoversPort(x.Rule, port) && (Unread(x.Rule, lists).Any() || x.Rule.ReferencedGroupIds.Count > 0))
                .Select(x => $"{x.Group.GroupId} {Describe(x.Rule)} from {string.Join(", ", Unread(x.Rule, lists).Concat(x.Rule.ReferencedGroupIds))}")
                .ToList();
            if (opaque.Count > 0)
            {
                unevaluable++;
                details.Add(new($"{ip}: not admitted by any CIDR rule on port {port}; cannot tell from an IP whether {string.Join("; ", opaque)} admits it (prefix list or security group reference)", Key(ipText, "possibly-admitted")));
                continue;
            }

            missing++;
            details.Add(new($"{ip}: no inbound rule admits it on TCP port {port}" + (otherPorts.Count > 0 ? $" ({string.Join("; ", otherPorts)})" : ""), Key(ipText, "not-admitted")));
            remediation.AddRange(Authorize(context, aws, groups[0].GroupId, ip, port));
        }

        var total = aws.CargoIps.Count;
        if (missing > 0)
        {
            return context.FailItems($"{missing} of {total} Cargo IP(s) cannot reach {target.Kind} {target.Identifier} on port {port}", details, remediation);
        }

        if (unevaluable > 0)
        {
            return context.UnknownItems($"{unevaluable} of {total} Cargo IP(s) are only possibly admitted (prefix list or security group rules)", details);
        }

        if (wide > 0)
        {
            return context.WarnItems($"{wide} of {total} Cargo IP range(s) are wider than /{CargoIpRanges.WidestIpv4Prefix} (IPv4) or /{CargoIpRanges.WidestIpv6Prefix} (IPv6): give Cargo's own IPs", details);
        }

        // A security group is one of several things on the way (https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html):
        // the pass names what it checked, the security groups; net.route and net.nacl check the rest.
        return context.PassItems($"the security groups ({string.Join(", ", groups.Select(g => g.GroupId))}) let every Cargo IP ({total}) in on port {port}", details);
    }

    /// <summary>An IP's item: the address as configured and what became of it (the rule text may name other groups later).</summary>
    private static ItemKey Key(string ip, string state) => ItemKey.Of(("ip", ip), ("state", state));

    private static IEnumerable<RemediationStep> Authorize(RuleContext context, AwsFacts aws, string groupId, Cidr ip, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var common = new[] { ("group", groupId), ("group_sh", ShellQuote.Arg(groupId)), ("port", portText), ("cidr", ip.ToString()), ("region_sh", ShellQuote.Arg(aws.Region)) };
        return ip.IsIpv6
            ? context.Remedy("authorize-ipv6", [.. common,
                ("permissions_sh", ShellQuote.Arg($"IpProtocol=tcp,FromPort={portText},ToPort={portText},Ipv6Ranges=[{{CidrIpv6={ip},Description=Cargo}}]"))])
            : context.Remedy("authorize-ipv4", [.. common, ("cidr_sh", ShellQuote.Arg(ip.ToString()))]);
    }

    private static bool CoversPort(IngressRuleFacts rule, int port) => rule.Protocol switch
    {
        "-1" or "all" => true,
        "tcp" or "6" => rule.FromPort is { } from && rule.ToPort is { } to && ((from <= port && port <= to) || (from == -1 && to == -1)),
        _ => false,
    };

    /// <summary>The rule's CIDRs of the IP's family, and the entries of the prefix lists it names that were read.</summary>
    private static IEnumerable<(Cidr Range, string? PrefixListId)> Ranges(IngressRuleFacts rule, Cidr ip, IReadOnlyList<PrefixListFacts> lists) =>
        (ip.IsIpv6 ? rule.Ipv6Cidrs : rule.Ipv4Cidrs).Select(text => (Text: text, PrefixListId: (string?)null))
            .Concat(rule.PrefixListIds.SelectMany(id => (lists.FirstOrDefault(l => l.PrefixListId == id)?.Cidrs ?? []).Select(text => (Text: text, PrefixListId: (string?)id))))
            .Select(x => Cidr.TryParse(x.Text, out var range) && range.IsIpv6 == ip.IsIpv6 ? (range, x.PrefixListId) : ((Cidr Range, string? PrefixListId)?)null)
            .OfType<(Cidr Range, string? PrefixListId)>();

    /// <summary>The prefix lists a rule names whose entries are not known.</summary>
    private static IEnumerable<string> Unread(IngressRuleFacts rule, IReadOnlyList<PrefixListFacts> lists) =>
        rule.PrefixListIds.Where(id => lists.FirstOrDefault(l => l.PrefixListId == id)?.Cidrs is null);

    private static string Describe(IngressRuleFacts rule) => rule.Protocol switch
    {
        "-1" or "all" => "all traffic",
        _ when rule.FromPort == rule.ToPort => $"{rule.Protocol} {rule.FromPort}",
        _ => $"{rule.Protocol} {rule.FromPort}-{rule.ToPort}",
    };
}
