namespace Cargo.Doctor.AwsApi.Model;

/// <summary>Result of iam:GetRole. <see cref="AssumeRolePolicyDocument"/> is already URL-decoded JSON text.</summary>
public sealed record IamRoleInfo(
    string RoleName,
    string Arn,
    string? AssumeRolePolicyDocument,
    string? PermissionsBoundaryArn);
