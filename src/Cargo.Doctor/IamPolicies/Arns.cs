namespace Cargo.Doctor.IamPolicies;

/// <summary>Reads parts of an ARN (arn:partition:service:region:account:resource).</summary>
public static class Arns
{
    /// <summary>The account ID, e.g. <c>210987654321</c> of <c>arn:aws:iam::210987654321:role/x</c>; null when absent.</summary>
    public static string? Account(string? arn) =>
        arn?.Split(':') is { Length: > 5 } parts && parts[0] == "arn" && parts[4].Length > 0 ? parts[4] : null;
}
