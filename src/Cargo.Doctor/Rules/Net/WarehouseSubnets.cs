using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// Which subnets the warehouse runs in now, and so decide a network check: the leader node's subnet (provisioned), or the
/// subnets of the workgroup's network interfaces (Serverless). The other subnets of the subnet group or workgroup only
/// warn: a failover or a resize can move the warehouse there. Not known: every subnet decides.
/// </summary>
internal static class WarehouseSubnets
{
    public static IReadOnlyList<string> Current(NetworkFacts network)
    {
        if (network.WarehouseSubnetId is { } leader)
        {
            return [leader];
        }

        var interfaces = (network.NetworkInterfaces ?? []).Select(n => n.SubnetId).OfType<string>().Where(network.SubnetIds.Contains).Distinct(StringComparer.Ordinal).ToList();
        return interfaces.Count > 0 ? interfaces : network.SubnetIds;
    }

    public static bool Decides(NetworkFacts network, string subnetId) => Current(network).Contains(subnetId);

    /// <summary>What the other subnets belong to: a cluster's subnet group, or a workgroup's subnetIds.</summary>
    public static string Group(NetworkFacts network) => network.NetworkInterfaces is null ? "the subnet group" : "the workgroup";

    public static string OtherNote(NetworkFacts network) => $"(in {Group(network)}, not where the warehouse runs now)";
}
