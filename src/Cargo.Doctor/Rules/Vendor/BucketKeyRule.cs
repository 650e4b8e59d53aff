using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Vendor;

/// <summary>
/// vendor.bucket-key: for a bucket encrypted with SSE-KMS, Cargo's role may kms:GenerateDataKey (UNLOAD writes) and
/// kms:Decrypt (COPY reads) with the key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html).
/// KMS allows a call when the key policy allows the role, or allows its account and the role's IAM policies allow it,
/// or a grant allows it; an explicit Deny in the key policy or the role's policies wins
/// (https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam).
/// Grants that could not be listed make a missing permission unknown, never a failure.
/// </summary>
public sealed class BucketKeyRule : IRule
{
    public const string Id = "vendor.bucket-key";

    private static readonly (string Action, string Use)[] Needed =
    [
        ("kms:GenerateDataKey", "UNLOAD writes encrypted objects"),
        ("kms:Decrypt", "COPY reads them"),
    ];

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!VendorRequirement.TryGet(context, out var vendor, out var skipped))
        {
            return skipped;
        }

        if (vendor.EncryptionGap is { } encryptionGap)
        {
            return context.Unknown($"the default encryption of bucket {vendor.Bucket} could not be read: {encryptionGap}");
        }

        if (vendor.Encryption is not { } encryption || !encryption.Algorithm.StartsWith("aws:kms", StringComparison.Ordinal))
        {
            return context.Pass($"bucket {vendor.Bucket} is not encrypted with a KMS key by default ({vendor.Encryption?.Algorithm ?? "no default rule"}): no key to check");
        }

        if (vendor.Key is not { } key)
        {
            return context.Unknown($"the KMS key of bucket {vendor.Bucket} ({encryption.KmsKeyId ?? "aws/s3"}) could not be read: {vendor.KeyGap}");
        }

        if (!VendorRequirement.TryGetRole(context, vendor, out var role, out var notRead))
        {
            return notRead;
        }

        var details = new List<string> { $"key: {key.Arn} ({key.KeyManager ?? "?"} managed, {key.KeyState ?? "state unknown"})", $"Cargo's role: {role.Arn}" };
        if (key.KeyState is { } state && state != "Enabled")
        {
            return context.Fail($"the KMS key of bucket {vendor.Bucket} is {state}: S3 cannot encrypt or decrypt with it", details, context.Remedy("key-state", ("key", key.Arn)));
        }

        if (key.Policy is null)
        {
            return context.Unknown($"the policy of key {key.Arn} could not be read: {key.PolicyGap}", details);
        }

        PolicyDocument keyPolicy;
        try
        {
            keyPolicy = PolicyDocument.Parse(key.Policy);
        }
        catch (PolicyParseException e)
        {
            return context.Unknown($"the policy of key {key.Arn} is not a policy cargo-doctor can read: {e.Message}", details);
        }

        var set = RolePolicySet.From(role);
        details.AddRange(set.Problems);
        var missing = new List<string>();
        var uncertain = new List<string>();
        var denied = new List<string>();
        foreach (var (action, use) in Needed)
        {
            var verdict = Decide(action, vendor, key, keyPolicy, set);
            var what = $"{action} ({use})";
            details.Add($"{verdict.Outcome}: {what}: {verdict.Reason}");
            (verdict.Outcome switch { "denied" => denied, "missing" => missing, "uncertain" => uncertain, _ => null })?.Add(what);
        }

        if (denied.Count > 0)
        {
            return context.Fail($"Cargo's role may not use the bucket key: {string.Join(", ", denied)} denied", details, context.Remedy("remove-deny", ("key", key.Arn), ("role", role.Name)));
        }

        if (missing.Count > 0 && key.Grants is null)
        {
            return context.Unknown($"Cargo's role has no {string.Join(" or ", missing)} from the key policy or its IAM policies, and the key's grants could not be listed: {key.GrantsGap}", details);
        }

        if (missing.Count > 0)
        {
            if (key.KeyManager == "AWS")
            {
                return context.Fail($"Cargo's role may not {string.Join(", ", missing)} with the AWS managed key of bucket {vendor.Bucket}", details, context.Remedy("aws-managed-key", ("bucket", vendor.Bucket)));
            }

            var operations = string.Join(" ", Needed.Select(n => n.Action["kms:".Length..]));
            return context.Fail($"Cargo's role may not {string.Join(", ", missing)} with the key of bucket {vendor.Bucket}", details,
                context.Remedy("create-grant", ("key", key.Arn), ("key_sh", ShellQuote.Arg(key.Arn)), ("role", role.Arn), ("role_sh", ShellQuote.Arg(role.Arn)), ("operations", operations),
                    ("region_sh", ShellQuote.Arg(Arns.Region(key.Arn) ?? vendor.BucketRegion ?? vendor.Region))));
        }

        if (uncertain.Count > 0)
        {
            return context.Warn($"Cargo's role may use the bucket key only under a condition cargo-doctor cannot decide ({string.Join(", ", uncertain)})", details, context.Remedy("review", ("key", key.Arn)));
        }

        return context.Pass($"Cargo's role may encrypt and decrypt with the key of bucket {vendor.Bucket}", details);
    }

    private static (string Outcome, string Reason) Decide(string action, VendorFacts vendor, KmsKeyFacts key, PolicyDocument keyPolicy, RolePolicySet set)
    {
        var lookup = Lookup(vendor);
        var byKeyPolicy = ResourcePolicyEvaluator.Evaluate(keyPolicy, vendor.CargoRoleArn, action, key.Arn, lookup);
        var byIdentity = IdentityPolicyEvaluator.Evaluate(set.Identity, set.Boundary, action, key.Arn, lookup);
        if (byKeyPolicy.Decision == PolicyDecision.ExplicitDeny)
        {
            return ("denied", "the key policy's " + byKeyPolicy.Reason);
        }

        if (byIdentity.Decision == PolicyDecision.ExplicitDeny)
        {
            return ("denied", byIdentity.Reason);
        }

        var sameAccount = key.AccountId is null || key.AccountId == Arns.Account(vendor.CargoRoleArn);
        var identityAllows = byIdentity.Decision == PolicyDecision.Allowed && !byIdentity.MayBeDenied;
        var keyNamesRole = byKeyPolicy is { Decision: PolicyDecision.Allowed, Principal: ResourcePrincipalMatch.Role or ResourcePrincipalMatch.Everyone } && byKeyPolicy.PossibleDenies.Count == 0;
        var keyNamesAccount = byKeyPolicy is { Decision: PolicyDecision.Allowed, Principal: ResourcePrincipalMatch.Account } && byKeyPolicy.PossibleDenies.Count == 0;
        if ((keyNamesRole && (sameAccount || identityAllows)) || (keyNamesAccount && identityAllows))
        {
            return ("ok", $"key policy: {byKeyPolicy.Reason}; IAM: {byIdentity.Reason}");
        }

        var grant = (key.Grants ?? []).FirstOrDefault(g => g.GranteePrincipal == vendor.CargoRoleArn && g.Operations.Contains(action["kms:".Length..], StringComparer.Ordinal));
        if (grant is { HasConstraints: false })
        {
            return ("ok", $"grant {grant.GrantId}");
        }

        if (grant is not null || byKeyPolicy.Decision == PolicyDecision.AllowedWithConditions || byIdentity.Decision == PolicyDecision.AllowedWithConditions
            || byKeyPolicy.PossibleDenies.Count > 0 || byIdentity.MayBeDenied)
        {
            return ("uncertain", grant is not null ? $"grant {grant.GrantId} holds only for some encryption contexts" : $"key policy: {byKeyPolicy.Reason}; IAM: {byIdentity.Reason}");
        }

        return ("missing", $"key policy: {byKeyPolicy.Reason}; IAM: {byIdentity.Reason}; no grant to the role");
    }

    /// <summary>
    /// The keys S3's call to KMS is known to carry: kms:CallerAccount, the caller's account, and kms:ViaService,
    /// s3.REGION.amazonaws.com (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
    /// </summary>
    private static Func<string, RequestKeyValue> Lookup(VendorFacts vendor) => key => key.ToLowerInvariant() switch
    {
        "aws:principalarn" => RequestKeyValue.Present(vendor.CargoRoleArn),
        "aws:principalaccount" or "kms:calleraccount" when Arns.Account(vendor.CargoRoleArn) is { } account => RequestKeyValue.Present(account),
        "kms:viaservice" when vendor.BucketRegion is { } region => RequestKeyValue.Present($"s3.{region}.amazonaws.com"),
        _ => RequestKeyValue.Unknown,
    };
}
