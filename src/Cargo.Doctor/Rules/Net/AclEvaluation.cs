using Cargo.Doctor.Facts;
using Cargo.Doctor.Network;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// What a network ACL does with TCP traffic between a subnet and an address on a range of ports. "Rules are evaluated
/// starting with the lowest numbered rule. As soon as a rule matches traffic, it's applied regardless of any
/// higher-numbered rule that might contradict it", and the final <c>*</c> rule denies what no rule matched
/// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). Each port of the range is decided by the first
/// rule that matches it; a deny that matches any port of the range decides against the range.
/// </summary>
internal static class AclEvaluation
{
    /// <param name="Allowed">Every port of the range is allowed.</param>
    /// <param name="DenyingRule">The first entry that denies some port (null, or a number from <see cref="FinalRuleNumber"/> on: the final deny).</param>
    public sealed record Outcome(bool Allowed, NetworkAclEntryFacts? DenyingRule, IReadOnlyList<NetworkAclEntryFacts> AllowingRules);

    public static Outcome Evaluate(NetworkAclFacts acl, bool egress, Cidr address, int fromPort, int toPort)
    {
        var undecided = new List<(int From, int To)> { (fromPort, toPort) };
        var allowing = new List<NetworkAclEntryFacts>();
        foreach (var entry in acl.Entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber))
        {
            if (!Cidr.TryParse(entry.Cidr, out var range) || range.IsIpv6 != address.IsIpv6 || !CoversProtocol(entry))
            {
                continue;
            }

            var (lo, hi) = entry.Protocol == "-1" ? (0, 65535) : (entry.FromPort ?? 0, entry.ToPort ?? 65535);
            var hit = undecided.Where(r => r.From <= hi && lo <= r.To).ToList();
            if (hit.Count == 0)
            {
                continue;
            }

            if (entry.RuleAction == "deny")
            {
                // A deny for any part of Cargo's range (the range inside the rule's CIDR, or the rule's CIDR inside the range) blocks it.
                if (range.Contains(address) || address.Contains(range))
                {
                    return new Outcome(false, entry, allowing);
                }

                continue;
            }

            if (entry.RuleAction == "allow" && range.Contains(address))
            {
                allowing.Add(entry);
                undecided = [.. undecided.SelectMany(r => Subtract(r, lo, hi))];
                if (undecided.Count == 0)
                {
                    return new Outcome(true, null, allowing);
                }
            }
        }

        // Ports no entry decided fall to the final "*" deny.
        return new Outcome(false, null, allowing);
    }

    /// <summary>The <c>*</c> rule's number as the API reports it (the IPv6 one follows it): entries from here on are the final denies.</summary>
    public const int FinalRuleNumber = 32767;

    /// <summary>The ACL a subnet uses: its association, else the VPC's default ACL (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).</summary>
    public static NetworkAclFacts? AclOf(IReadOnlyList<NetworkAclFacts> acls, string subnetId) =>
        acls.FirstOrDefault(a => a.SubnetIds.Contains(subnetId)) ?? acls.FirstOrDefault(a => a.IsDefault);

    /// <summary>
    /// A free rule number that comes before <paramref name="before"/>: ten after the last entry below it when that fits,
    /// else one after; null when there is no room.
    /// </summary>
    public static int? FreeNumberBefore(IEnumerable<int> used, int before)
    {
        var taken = used.ToHashSet();
        var previous = taken.Where(n => n < before).DefaultIfEmpty(0).Max();
        foreach (var candidate in new[] { previous + 10, previous + 1 })
        {
            if (candidate < before && candidate <= 32766 && !taken.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool CoversProtocol(NetworkAclEntryFacts entry) => entry.Protocol is "-1" or "6" or "tcp" or "all";

    private static IEnumerable<(int From, int To)> Subtract((int From, int To) range, int lo, int hi)
    {
        if (range.From < lo)
        {
            yield return (range.From, Math.Min(range.To, lo - 1));
        }

        if (range.To > hi)
        {
            yield return (Math.Max(range.From, hi + 1), range.To);
        }
    }
}
