namespace Cargo.Doctor.AwsApi.Model;

/// <summary>What the doctor reads of iam:GetPolicy: which version holds the policy's current document.</summary>
public sealed record ManagedPolicy(string? DefaultVersionId);
