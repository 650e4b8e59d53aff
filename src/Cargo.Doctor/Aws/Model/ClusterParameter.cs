namespace Cargo.Doctor.Aws;

public sealed record ClusterParameter(string Name, string? Value, string? Source);
