using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>Answers <see cref="IVendorSource"/> with the live AWS APIs.</summary>
internal sealed class VendorApiSource(VendorAwsClients clients) : IVendorSource
{
    public Task<string> GetCallerAccountAsync(CancellationToken ct) => clients.Sts.GetCallerAccountAsync(ct);

    public Task<IamRoleInfo> GetRoleAsync(string roleName, CancellationToken ct) => clients.Iam.GetRoleAsync(roleName, ct);

    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct) =>
        clients.Iam.ListAttachedRolePoliciesAsync(roleName, ct);

    public async Task<string> GetManagedPolicyDocumentAsync(string policyArn, CancellationToken ct)
    {
        var policy = await clients.Iam.GetPolicyAsync(policyArn, ct).ConfigureAwait(false);
        return (await clients.Iam.GetPolicyVersionAsync(policyArn, policy.DefaultVersionId ?? "v1", ct).ConfigureAwait(false)).Document;
    }

    public Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken ct) => clients.Iam.ListRolePoliciesAsync(roleName, ct);

    public async Task<string> GetRolePolicyDocumentAsync(string roleName, string policyName, CancellationToken ct) =>
        (await clients.Iam.GetRolePolicyAsync(roleName, policyName, ct).ConfigureAwait(false)).PolicyDocument;

    public Task<string> GetBucketRegionAsync(string bucket, CancellationToken ct) => clients.S3.GetBucketRegionAsync(bucket, ct);

    public Task<string?> GetBucketPolicyAsync(string bucket, string bucketRegion, CancellationToken ct) => clients.S3.GetBucketPolicyAsync(bucket, bucketRegion, ct);

    public Task<BucketEncryption?> GetBucketEncryptionAsync(string bucket, string bucketRegion, CancellationToken ct) =>
        clients.S3.GetBucketEncryptionAsync(bucket, bucketRegion, ct);

    public Task<KmsKeyInfo> DescribeKeyAsync(string keyId, string region, CancellationToken ct) => clients.Kms.DescribeKeyAsync(keyId, region, ct);

    public Task<string> GetKeyPolicyAsync(string keyId, string region, CancellationToken ct) => clients.Kms.GetKeyPolicyAsync(keyId, region, ct);

    public Task<IReadOnlyList<KmsGrant>> ListGrantsAsync(string keyId, string region, CancellationToken ct) => clients.Kms.ListGrantsAsync(keyId, region, ct);
}
