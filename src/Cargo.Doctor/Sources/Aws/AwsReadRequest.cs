namespace Cargo.Doctor.Sources.Aws;

/// <summary>What to read, from the configuration (already validated).</summary>
internal sealed record AwsReadRequest(
    string Region,
    bool IsServerless,
    string? ClusterIdentifier,
    string? Workgroup,
    string? Namespace,
    string? RoleArn,
    string? CargoRoleArn,
    IReadOnlyList<string> CargoIps,
    string CargoUser,
    string? WarehouseHost,
    string? CargoBucket = null,
    string? CargoPrefix = null,
    string? CargoBucketRegion = null);
