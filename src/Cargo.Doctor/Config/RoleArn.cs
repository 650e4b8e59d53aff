using System.Text.RegularExpressions;

namespace Cargo.Doctor.Config;

/// <summary>
/// An IAM role ARN as the doctor accepts it: <c>arn:PARTITION:iam::ACCOUNT:role/PATH/NAME</c>.
/// Role names allow letters, digits and <c>+=,.@_-</c>
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names),
/// ARN format: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns.
/// Commas and spaces are refused anyway: Redshift chains roles as one comma-separated string without
/// spaces (https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html#authorizing-redshift-service-chaining-roles).
/// </summary>
public static partial class RoleArn
{
    public static bool IsValid(string text) => Pattern().IsMatch(text.Trim());

    public const string Expected = "is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>, no spaces or commas)";

    public static string Problem(string flag, string text) => $"{flag} '{text.Trim()}' {Expected}";

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[A-Za-z0-9+=.@_/-]{1,512}$")]
    private static partial Regex Pattern();
}
