namespace Cargo.Doctor.AwsApi.Model;

/// <summary>Result of iam:GetPolicyVersion. <see cref="Document"/> is already URL-decoded JSON text.</summary>
public sealed record ManagedPolicyVersion(string Document);
