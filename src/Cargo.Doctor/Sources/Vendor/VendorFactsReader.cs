using Cargo.Doctor.AwsApi.Model;
using Cargo.Doctor.Facts;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Sources.Aws;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>
/// Reads Cargo's half of the chain once, in a fixed order: caller account, Cargo's role (trust, inline, managed,
/// boundary), bucket location, bucket policy, bucket encryption and, for SSE-KMS, the key, its policy and grants.
/// A failed read becomes a gap; nothing here writes.
/// </summary>
internal sealed class VendorFactsReader(IVendorSource source, VendorReadRequest request)
{
    public async Task<VendorFacts> ReadAsync(CancellationToken ct)
    {
        var facts = new VendorFacts
        {
            Region = request.Region,
            CargoRoleArn = request.CargoRoleArn,
            CustomerRoleArn = request.CustomerRoleArn,
            Bucket = request.Bucket,
            Prefix = request.Prefix.Trim('/'),
            Endpoint = request.Endpoint,
        };

        try
        {
            var account = await source.GetCallerAccountAsync(ct).ConfigureAwait(false);
            facts = facts with { CallerAccountId = account.Length > 0 ? account : null };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            facts = facts with { CallerAccountGap = AwsGaps.From(e) };
        }

        var (role, roleGap) = await new VendorRoleReader(source).ReadAsync(request.CargoRoleArn, ct).ConfigureAwait(false);
        facts = facts with { CargoRole = role, CargoRoleGap = roleGap };
        facts = await ReadBucketAsync(facts, ct).ConfigureAwait(false);
        return await ReadKeyAsync(facts, ct).ConfigureAwait(false);
    }

    private async Task<VendorFacts> ReadBucketAsync(VendorFacts facts, CancellationToken ct)
    {
        string region;
        try
        {
            region = await source.GetBucketRegionAsync(request.Bucket, ct).ConfigureAwait(false);
            facts = facts with { BucketRegion = region };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            var gap = AwsGaps.From(e);
            var because = AwsGaps.Because("the bucket's region could not be read", gap);
            return facts with { BucketRegionGap = gap, BucketPolicyGap = because, EncryptionGap = because };
        }

        try
        {
            facts = facts with { BucketPolicy = PolicyText.Normalize(await source.GetBucketPolicyAsync(request.Bucket, region, ct).ConfigureAwait(false)) };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            facts = facts with { BucketPolicyGap = AwsGaps.From(e) };
        }

        try
        {
            var encryption = await source.GetBucketEncryptionAsync(request.Bucket, region, ct).ConfigureAwait(false);
            return facts with { Encryption = encryption is null ? null : new BucketEncryptionFacts(encryption.Algorithm, encryption.KmsKeyId, encryption.BucketKeyEnabled) };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return facts with { EncryptionGap = AwsGaps.From(e) };
        }
    }

    /// <summary>
    /// SSE-KMS only (aws:kms, aws:kms:dsse). A default rule of aws:kms without a key id uses the AWS managed key
    /// aws/s3 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html), read by its alias.
    /// The key's region is its ARN's, else the bucket's: S3 uses a key in the bucket's region
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#sse-kms-requirements).
    /// </summary>
    private async Task<VendorFacts> ReadKeyAsync(VendorFacts facts, CancellationToken ct)
    {
        if (facts.Encryption is not { } encryption || !encryption.Algorithm.StartsWith("aws:kms", StringComparison.Ordinal) || facts.BucketRegion is not { } bucketRegion)
        {
            return facts;
        }

        var keyId = encryption.KmsKeyId ?? "alias/aws/s3";
        var region = Arns.Region(keyId) ?? bucketRegion;
        KmsKeyInfo info;
        try
        {
            info = await source.DescribeKeyAsync(keyId, region, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return facts with { KeyGap = AwsGaps.From(e) };
        }

        var key = new KmsKeyFacts { Arn = info.Arn, AccountId = info.AccountId, KeyState = info.KeyState, KeyManager = info.KeyManager };
        try
        {
            key = key with { Policy = PolicyText.Normalize(await source.GetKeyPolicyAsync(info.Arn, region, ct).ConfigureAwait(false)) };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            key = key with { PolicyGap = AwsGaps.From(e) };
        }

        try
        {
            var grants = await source.ListGrantsAsync(info.Arn, region, ct).ConfigureAwait(false);
            key = key with { Grants = grants.Select(g => new KmsGrantFacts(g.GrantId, g.GranteePrincipal, g.Operations, g.HasConstraints)).ToList() };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            key = key with { GrantsGap = AwsGaps.From(e) };
        }

        return facts with { Key = key };
    }
}
