namespace Cargo.Doctor.AwsApi.Model;

public sealed record ManagedPolicy(
    string PolicyName,
    string Arn,
    string? PolicyId,
    string? Path,
    string? DefaultVersionId,
    int? AttachmentCount,
    bool IsAttachable);
