using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>
/// The reads of <c>cargo-doctor vendor</c>, all Get, List or Describe calls with Cargo's credentials.
/// Failures are <see cref="Cargo.Doctor.AwsApi.Clients.AwsCallException"/>s, which become gaps.
/// </summary>
internal interface IVendorSource
{
    Task<string> GetCallerAccountAsync(CancellationToken ct);

    Task<IamRoleInfo> GetRoleAsync(string roleName, CancellationToken ct);

    Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct);

    Task<string> GetManagedPolicyDocumentAsync(string policyArn, CancellationToken ct);

    Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken ct);

    Task<string> GetRolePolicyDocumentAsync(string roleName, string policyName, CancellationToken ct);

    Task<string> GetBucketRegionAsync(string bucket, CancellationToken ct);

    Task<string?> GetBucketPolicyAsync(string bucket, string bucketRegion, CancellationToken ct);

    Task<BucketEncryption?> GetBucketEncryptionAsync(string bucket, string bucketRegion, CancellationToken ct);

    Task<KmsKeyInfo> DescribeKeyAsync(string keyId, string region, CancellationToken ct);

    Task<string> GetKeyPolicyAsync(string keyId, string region, CancellationToken ct);

    Task<IReadOnlyList<KmsGrant>> ListGrantsAsync(string keyId, string region, CancellationToken ct);
}
