using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules.Net;

/// <summary>The precondition every net.* and iam.* rule shares: the AWS side was examined.</summary>
internal static class AwsRequirement
{
    public const string NotConfigured = "AWS checks not configured: pass --cluster or --workgroup (and --region)";

    /// <summary>A facts file written before the VPC was read: nothing was examined, so nothing is claimed.</summary>
    public const string NoNetworkFacts = "not in these facts: they were gathered before cargo-doctor read the VPC (run check again)";

    /// <summary>A redacted facts file: the VPC's ids, CIDRs and addresses are tokens, which no route or ACL entry matches.</summary>
    public const string RedactedNetwork = "the facts were redacted: VPC ids, CIDRs and addresses are tokens; replay the unredacted facts file";

    public static bool TryGet(RuleContext context, out AwsFacts aws, out Finding notExamined)
    {
        aws = context.Facts.Aws!;
        notExamined = context.Skipped(NotConfigured);
        return aws is not null;
    }

    /// <summary>"cluster 'x'" or "workgroup 'y'", for findings.</summary>
    public static string Describe(AwsFacts aws) => aws.Target is { } t
        ? $"{t.Kind} {t.Identifier}"
        : aws.IsServerless ? "the workgroup" : "the cluster";
}
