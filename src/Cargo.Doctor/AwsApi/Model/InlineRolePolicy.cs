namespace Cargo.Doctor.AwsApi.Model;

/// <summary>Result of iam:GetRolePolicy. <see cref="PolicyDocument"/> is already URL-decoded JSON text.</summary>
public sealed record InlineRolePolicy(string PolicyDocument);
