namespace Cargo.Doctor.Sources.Aws;

/// <summary>The fixed file names of an evidence folder (see samples/aws-evidence/README.md).</summary>
public static class AwsEvidenceFiles
{
    public const string DescribeClusters = "describe-clusters.json";
    public const string GetWorkgroup = "get-workgroup.json";
    public const string GetNamespace = "get-namespace.json";
    public const string DescribeSecurityGroups = "describe-security-groups.json";
    public const string GetRole = "get-role.json";
    public const string ListAttachedRolePolicies = "list-attached-role-policies.json";
    public const string ListRolePolicies = "list-role-policies.json";
    public const string SimulatePrincipalPolicy = "simulate-principal-policy.json";
    public const string GetCallerIdentity = "get-caller-identity.json";

    /// <summary><c>get-policy-version.&lt;policy-name&gt;.json</c>, the name being the last part of the policy ARN.</summary>
    public static string GetPolicyVersion(string policyArn) => $"get-policy-version.{SafeName(policyArn[(policyArn.LastIndexOf('/') + 1)..])}.json";

    /// <summary><c>get-role-policy.&lt;policy-name&gt;.json</c> for an inline policy.</summary>
    public static string GetRolePolicy(string policyName) => $"get-role-policy.{SafeName(policyName)}.json";

    // IAM names use [\w+=,.@-]; anything else (never expected) must not escape the folder.
    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || "+=,.@-_".Contains(c) ? c : '_'));
}
