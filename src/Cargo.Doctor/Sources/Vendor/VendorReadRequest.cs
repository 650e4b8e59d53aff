namespace Cargo.Doctor.Sources.Vendor;

/// <summary>What a vendor run reads, validated before any AWS call.</summary>
public sealed record VendorReadRequest(string Region, string CargoRoleArn, string CustomerRoleArn, string Bucket, string Prefix, string? Endpoint);
