namespace Cargo.Doctor.AwsApi.Model;

public sealed record ClusterParameter(string Name, string? Value, string? Source);
