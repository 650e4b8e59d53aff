using System.Text.Json.Nodes;

namespace Cargo.Doctor.AwsScripts;

/// <summary>
/// The role's trust policy plus one statement trusting the missing Redshift service principals: every
/// statement, Sid and condition already there is kept as it is (a lone statement becomes a one-element
/// list), because update-assume-role-policy replaces the whole document
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html).
/// </summary>
public static class TrustPolicyMerge
{
    public const string Sid = "RedshiftAssumeRole";

    /// <summary>The merged document, or null when the current one is not a JSON object with a statement or statement list.</summary>
    public static string? Merge(string currentJson, IReadOnlyList<string> missingPrincipals)
    {
        if (missingPrincipals.Count == 0)
        {
            return null;
        }

        JsonNode service = missingPrincipals.Count == 1
            ? JsonValue.Create(missingPrincipals[0])
            : new JsonArray([.. missingPrincipals.Select(p => (JsonNode?)JsonValue.Create(p))]);
        return PolicyStatementAppend.Append(currentJson, Sid, new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = service },
            ["Action"] = "sts:AssumeRole",
        });
    }
}
