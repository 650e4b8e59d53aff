using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// Whether an S3 VPC endpoint's policy lets COPY and UNLOAD use Cargo's bucket and prefix, decided by the project's
/// resource-policy evaluator: an endpoint policy is a resource policy of the endpoint, and a request through the
/// endpoint must be allowed by it (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html,
/// https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-working-with-endpoints.html). COPY lists the bucket
/// and gets the objects, UNLOAD puts them (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-access-permissions.html),
/// and GetBucketLocation finds the bucket's region.
/// </summary>
internal static class S3EndpointPolicy
{
    public sealed record Need(string Action, string Resource, string? ListPrefix);

    /// <param name="Missing">Needs no statement allows (or a statement denies): the fix adds a statement for them.</param>
    /// <param name="Undecided">Needs allowed only under a condition or principal the doctor cannot decide.</param>
    public sealed record Outcome(IReadOnlyList<string> Allowed, IReadOnlyList<Need> Missing, IReadOnlyList<string> Denied, IReadOnlyList<string> Undecided);

    public static IReadOnlyList<Need> For(string bucket, string? prefix)
    {
        var folder = string.IsNullOrEmpty(prefix) ? "" : prefix.Trim('/') + "/";
        var bucketArn = $"arn:aws:s3:::{bucket}";
        var objectArn = $"{bucketArn}/{folder}cargo-doctor/part_000";
        return
        [
            new("s3:GetObject", objectArn, null),
            new("s3:PutObject", objectArn, null),
            new("s3:ListBucket", bucketArn, folder + "cargo-doctor/part_"),
            new("s3:GetBucketLocation", bucketArn, null),
        ];
    }

    /// <summary>The object ARN pattern a statement for Cargo's prefix names: arn:aws:s3:::bucket/prefix/*.</summary>
    public static string ObjectPattern(string bucket, string? prefix) =>
        $"arn:aws:s3:::{bucket}/{(string.IsNullOrEmpty(prefix) ? "" : prefix.Trim('/') + "/")}*";

    /// <exception cref="PolicyParseException">The document is not a policy the evaluator reads.</exception>
    public static Outcome Evaluate(string policyJson, IReadOnlyList<Need> needs, string callerRoleArn)
    {
        var policy = PolicyDocument.Parse(policyJson);
        var (allowed, missing, denied, undecided) = (new List<string>(), new List<Need>(), new List<string>(), new List<string>());
        foreach (var need in needs)
        {
            var verdict = ResourcePolicyEvaluator.Evaluate(policy, callerRoleArn, need.Action, need.Resource, Lookup(need, callerRoleArn));
            var what = $"{need.Action} on {need.Resource}";
            switch (verdict.Decision)
            {
                case PolicyDecision.Allowed when verdict.PossibleDenies.Count == 0:
                    allowed.Add($"{what}: {verdict.Reason}");
                    break;
                case PolicyDecision.ExplicitDeny:
                    denied.Add($"{what}: {verdict.Reason}");
                    break;
                case PolicyDecision.ImplicitDeny:
                    missing.Add(need);
                    break;
                default:
                    undecided.Add($"{what}: {verdict.Reason}");
                    break;
            }
        }

        return new Outcome(allowed, missing, denied, undecided);
    }

    // The caller and, for ListBucket, s3:prefix (https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html);
    // every other key is unknown: no page says how Redshift calls S3.
    private static Func<string, RequestKeyValue> Lookup(Need need, string callerRoleArn) => key => key.ToLowerInvariant() switch
    {
        "aws:principalarn" => RequestKeyValue.Present(callerRoleArn),
        "aws:principalaccount" when Arns.Account(callerRoleArn) is { } account => RequestKeyValue.Present(account),
        "s3:prefix" when need.ListPrefix is not null => RequestKeyValue.Present(need.ListPrefix),
        _ => RequestKeyValue.Unknown,
    };
}
