using System.Diagnostics.CodeAnalysis;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// The precondition net.route and net.nacl share: the AWS side was examined, Cargo's IPs are known, and the VPC
/// was read (a facts file from before the VPC reads is skipped; a failed read is unknown).
/// </summary>
internal static class NetworkRequirement
{
    public static bool TryGet(RuleContext context, out AwsFacts aws, [NotNullWhen(true)] out NetworkFacts? network, out Finding notExamined)
    {
        network = null;
        if (!AwsRequirement.TryGet(context, out aws, out notExamined))
        {
            return false;
        }

        if (aws.CargoIps.Count == 0)
        {
            notExamined = context.Skipped("no Cargo IP given: pass --cargo-ip (Cargo's public IP, from your Cargo workspace settings)");
            return false;
        }

        if (aws is { Network: null, NetworkGap: null, Target: not null })
        {
            notExamined = context.Skipped(AwsRequirement.NoNetworkFacts);
            return false;
        }

        if (aws.Network is not { } read || aws.NetworkGap is not null)
        {
            notExamined = context.Unknown($"could not read the subnets of {AwsRequirement.Describe(aws)}: {aws.NetworkGap}");
            return false;
        }

        if (context.Facts.Redacted)
        {
            // Ids, CIDRs and addresses are tokens: a route or ACL entry can no longer be matched.
            notExamined = context.Unknown(AwsRequirement.RedactedNetwork);
            return false;
        }

        network = read;
        return true;
    }
}
