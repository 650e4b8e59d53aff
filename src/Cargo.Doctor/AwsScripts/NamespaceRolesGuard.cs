using System.Globalization;

namespace Cargo.Doctor.AwsScripts;

/// <summary>
/// The live-state guard of update-namespace --iam-roles, which replaces the namespace's whole role list
/// (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_UpdateNamespace.html): a JMESPath
/// query over get-namespace that prints True only when the namespace still has exactly the roles cargo-doctor
/// saw (and the same default role, when it was read). GetNamespace lists a role as its ARN or as the text
/// <c>IamRole(applyStatus=..., iamRoleArn=...)</c>, whose status may change meanwhile: only the ARN counts.
/// </summary>
public static class NamespaceRolesGuard
{
    public static string UnchangedQuery(IReadOnlyList<string> seenArns, string? defaultRoleArn)
    {
        var parts = new List<string>
        {
            $"length(namespace.iamRoles || `[]`) == `{seenArns.Count.ToString(CultureInfo.InvariantCulture)}`",
        };
        parts.AddRange(seenArns.Select(arn =>
            $"length((namespace.iamRoles || `[]`)[?@ == {Raw(arn)} || contains(@, {Raw("iamRoleArn=" + arn + ")")}) || contains(@, {Raw("iamRoleArn=" + arn + ",")})]) > `0`"));
        if (defaultRoleArn is not null)
        {
            parts.Add($"(namespace.defaultIamRoleArn || '') == {Raw(defaultRoleArn)}");
        }

        return string.Join(" && ", parts);
    }

    /// <summary>A JMESPath raw string literal: a quote and a backslash escaped.</summary>
    private static string Raw(string text) =>
        "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
