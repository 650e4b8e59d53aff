namespace Cargo.Doctor.AwsApi.Model;

/// <summary>An IAM role attached to a cluster or namespace. ApplyStatus is e.g. <c>in-sync</c>, <c>adding</c>, <c>removing</c>.</summary>
public sealed record RedshiftIamRole(string Arn, string? ApplyStatus);
