using System.Text.Json.Nodes;
using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Rules.Vendor;

/// <summary>
/// vendor.bucket-access: Cargo's role's policies and the bucket policy together let the chain's last role write, read
/// and list the customer's prefix. Same account: an Allow in either, no explicit Deny in either, and a permissions
/// boundary limits what the bucket policy grants to the role
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). The bucket is taken to
/// be in Cargo's account (the run does not read its owner).
/// </summary>
public sealed class BucketAccessRule : IRule
{
    public const string Id = "vendor.bucket-access";

    public const string PolicyName = "cargo-doctor-bucket-access";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!VendorRequirement.TryGet(context, out var vendor, out var skipped))
        {
            return skipped;
        }

        if (!VendorRequirement.TryGetRole(context, vendor, out var role, out var notRead))
        {
            return notRead;
        }

        if (vendor.BucketPolicyGap is { } gap)
        {
            return context.Unknown($"the policy of bucket {vendor.Bucket} could not be read: {gap}");
        }

        PolicyDocument? bucketPolicy = null;
        try
        {
            bucketPolicy = vendor.BucketPolicy is null ? null : PolicyDocument.Parse(vendor.BucketPolicy);
        }
        catch (PolicyParseException e)
        {
            return context.Unknown($"the policy of bucket {vendor.Bucket} is not a policy cargo-doctor can read: {e.Message}");
        }

        var set = RolePolicySet.From(role);
        var where = $"s3://{vendor.Bucket}/{vendor.Prefix}{(vendor.Prefix.Length > 0 ? "/" : "")}";
        var details = new List<string> { $"Cargo's role: {role.Arn}", $"bucket policy: {(bucketPolicy is null ? "none" : "read")}" };
        details.AddRange(set.Problems);
        var missing = new List<BucketRequirement>();
        var denied = new List<string>();
        var uncertain = new List<string>();
        foreach (var need in BucketRequirement.For(vendor))
        {
            var lookup = need.Lookup(vendor.CargoRoleArn);
            var identity = IdentityPolicyEvaluator.Evaluate(set.Identity, set.Boundary, need.Action, need.Resource, lookup);
            var bucket = bucketPolicy is null ? null : ResourcePolicyEvaluator.Evaluate(bucketPolicy, vendor.CargoRoleArn, need.Action, need.Resource, lookup);
            var what = $"{need.Action} on {need.Resource} ({need.Use})";
            if (identity.Decision == PolicyDecision.ExplicitDeny || bucket?.Decision == PolicyDecision.ExplicitDeny)
            {
                denied.Add($"{what}: {(bucket?.Decision == PolicyDecision.ExplicitDeny ? "the bucket policy's " + bucket.Reason : identity.Reason)}");
                continue;
            }

            var byBucket = bucket is { Decision: PolicyDecision.Allowed, Principal: ResourcePrincipalMatch.Role or ResourcePrincipalMatch.Everyone } && role.PermissionsBoundary is null;
            var mayDeny = identity.MayBeDenied || bucket?.PossibleDenies.Count > 0;
            if ((identity.Decision == PolicyDecision.Allowed || byBucket) && !mayDeny)
            {
                details.Add($"ok: {what}");
            }
            else if (identity.Decision is PolicyDecision.Allowed or PolicyDecision.AllowedWithConditions || byBucket || bucket?.Decision == PolicyDecision.AllowedWithConditions)
            {
                uncertain.Add($"{what}: {(mayDeny && bucket?.PossibleDenies.Count > 0 ? $"bucket policy statement {bucket.PossibleDenies[0].Label} may deny it (condition {string.Join(", ", bucket.PossibleDenies[0].ConditionKeys)})" : identity.Reason)}");
            }
            else if (set.Problems.Count > 0)
            {
                uncertain.Add($"{what}: not allowed by the policies cargo-doctor could read");
            }
            else if (need.Documented)
            {
                missing.Add(need);
            }
            else
            {
                uncertain.Add($"{what}: not allowed (not on the COPY/UNLOAD permissions page, but in Redshift's own command policy)");
            }
        }

        details.AddRange(denied.Select(d => "denied: " + d));
        details.AddRange(missing.Select(m => $"missing: {m.Action} on {m.Resource} ({m.Use})"));
        details.AddRange(uncertain.Select(u => "uncertain: " + u));
        if (denied.Count > 0)
        {
            return context.Fail($"Cargo's role may not use {where}: {denied[0]}", details, context.Remedy("remove-deny", ("role", role.Name), ("bucket", vendor.Bucket)));
        }

        if (missing.Count > 0)
        {
            var policy = Policy(missing);
            var name = FreeName(role.Policies?.Where(p => p.Kind == "inline").Select(p => p.Name) ?? []);
            return context.Fail($"Cargo's role may not {string.Join(", ", missing.Select(m => m.Action))} on {where}", details,
                context.Remedy("add-permission", InlinePolicyStep.Values(role.Name, name, policy)));
        }

        if (uncertain.Count > 0)
        {
            return context.Warn($"Cargo's role can use {where} only if {uncertain[0]}", details, context.Remedy("review", ("role", role.Name), ("bucket", vendor.Bucket)));
        }

        return context.Pass($"Cargo's role may write, read and list {where}", details);
    }

    /// <summary>An inline policy with exactly the missing permissions, ListBucket limited to the prefix.</summary>
    private static string Policy(IReadOnlyList<BucketRequirement> missing)
    {
        var statements = new JsonArray();
        foreach (var need in missing)
        {
            var statement = new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = need.Action,
                ["Resource"] = need.ListPrefix is null && need.Action != "s3:GetBucketLocation" ? PrefixPattern(need.Resource) : need.Resource,
            };
            if (need.ListPrefix is { } listed)
            {
                statement["Condition"] = new JsonObject { ["StringLike"] = new JsonObject { ["s3:prefix"] = listed[..(listed.IndexOf("cargo-doctor/", StringComparison.Ordinal))] + "*" } };
            }

            statements.Add((JsonNode)statement);
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements }.ToJsonString();
    }

    /// <summary>arn:aws:s3:::bucket/prefix/cargo-doctor/part_000 becomes arn:aws:s3:::bucket/prefix/*.</summary>
    private static string PrefixPattern(string objectArn) => objectArn[..objectArn.IndexOf("cargo-doctor/", StringComparison.Ordinal)] + "*";

    private static string FreeName(IEnumerable<string> taken)
    {
        var names = taken.ToHashSet(StringComparer.Ordinal);
        var name = PolicyName;
        for (var n = 2; names.Contains(name); n++)
        {
            name = $"{PolicyName}-{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        return name;
    }
}
