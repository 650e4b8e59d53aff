using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.AwsScripts;

/// <summary>
/// The values of iam.assume-cargo-role's add-permission template, for setup and fix alike: put-role-policy
/// replaces an inline policy of the same name (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html),
/// so the step writes only under a name the role does not have, or skips when the same document is there.
/// </summary>
public static class InlinePolicyStep
{
    public const string DefaultName = "cargo-assume-role";

    /// <summary>The default name, or the first of name-2, name-3... the role does not already use.</summary>
    public static string FreeName(IEnumerable<string> inlinePolicyNames)
    {
        var taken = inlinePolicyNames.ToHashSet(StringComparer.Ordinal);
        var name = DefaultName;
        for (var n = 2; taken.Contains(name); n++)
        {
            name = $"{DefaultName}-{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        return name;
    }

    public static (string Name, string Value)[] Values(string roleName, string policyName, string policy) =>
    [
        ("role", roleName), ("role_sh", ShellQuote.Arg(roleName)), ("policy_name_sh", ShellQuote.Arg(policyName)),
        ("policy", policy), ("policy_sh", ShellQuote.Arg(policy)),
        ("same_query_sh", ShellQuote.Arg(LivePolicyGuard.UnchangedQuery("PolicyDocument", policy))),
        ("exists_sh", ShellQuote.Arg($"stopped: role {roleName} already has an inline policy {policyName} with another document; it is left as it is".ReplaceLineEndings(" "))),
    ];
}
