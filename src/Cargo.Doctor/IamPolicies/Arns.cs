namespace Cargo.Doctor.IamPolicies;

/// <summary>Reads parts of an ARN (arn:partition:service:region:account:resource).</summary>
public static class Arns
{
    /// <summary>The account ID, e.g. <c>210987654321</c> of <c>arn:aws:iam::210987654321:role/x</c>; null when absent.</summary>
    public static string? Account(string? arn) =>
        arn?.Split(':') is { Length: > 5 } parts && parts[0] == "arn" && parts[4].Length > 0 ? parts[4] : null;

    /// <summary>The region, e.g. <c>eu-west-1</c> of <c>arn:aws:kms:eu-west-1:210987654321:key/x</c>; null when absent or not an ARN.</summary>
    public static string? Region(string? arn) =>
        arn?.Split(':') is { Length: > 5 } parts && parts[0] == "arn" && parts[3].Length > 0 ? parts[3] : null;
}
