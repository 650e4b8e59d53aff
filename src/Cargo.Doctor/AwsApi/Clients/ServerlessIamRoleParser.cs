using System.Text.RegularExpressions;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// GetNamespace returns iamRoles as <c>IamRole(applyStatus=in-sync, iamRoleArn=arn:...)</c> (either key
/// order) although the API model says bare ARNs; accept both.
/// </summary>
internal static partial class ServerlessIamRoleParser
{
    public static RedshiftIamRole? Parse(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }

        var text = entry.Trim();
        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new RedshiftIamRole(text, null);
        }

        var arn = ArnPattern().Match(text);
        if (!arn.Success)
        {
            return null;
        }

        var status = StatusPattern().Match(text);
        return new RedshiftIamRole(arn.Groups[1].Value, status.Success ? status.Groups[1].Value : null);
    }

    [GeneratedRegex(@"iamRoleArn\s*=\s*([^,)\s]+)")]
    private static partial Regex ArnPattern();

    [GeneratedRegex(@"applyStatus\s*=\s*([^,)\s]+)")]
    private static partial Regex StatusPattern();
}
