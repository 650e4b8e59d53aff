namespace Cargo.Doctor.Facts;

/// <summary>
/// Cargo's half of the role chain, read by <c>cargo-doctor vendor</c> with Cargo's credentials: Cargo's role,
/// its bucket (region, policy, default encryption) and, for SSE-KMS, the key (policy and grants). A fact that
/// could not be read has a <see cref="Gap"/> beside it and the vendor.* rule that needs it reports <c>unknown</c>.
/// </summary>
public sealed record VendorFacts
{
    /// <summary>The warehouse's region (--region), which the bucket's region is compared with.</summary>
    public required string Region { get; init; }

    /// <summary>Cargo's role for this customer (--cargo-role-arn), as given.</summary>
    public required string CargoRoleArn { get; init; }

    /// <summary>The customer's role, the ARN the customer gave Cargo (--role-arn): the chain's first hop.</summary>
    public required string CustomerRoleArn { get; init; }

    public required string Bucket { get; init; }

    /// <summary>The customer's prefix in the bucket, without a leading or trailing slash; "" for the whole bucket.</summary>
    public required string Prefix { get; init; }

    /// <summary>The customer's endpoint as host:port/db, when given (the probe's target).</summary>
    public string? Endpoint { get; init; }

    /// <summary>The account of Cargo's credentials (sts:GetCallerIdentity).</summary>
    public string? CallerAccountId { get; init; }

    public Gap? CallerAccountGap { get; init; }

    /// <summary>Cargo's role: trust policy, identity policies, boundary; null when it could not be read.</summary>
    public CustomerRoleFacts? CargoRole { get; init; }

    public Gap? CargoRoleGap { get; init; }

    /// <summary>The bucket's region from GetBucketLocation.</summary>
    public string? BucketRegion { get; init; }

    public Gap? BucketRegionGap { get; init; }

    /// <summary>The bucket policy as JSON text; null when the bucket has none or it could not be read (see <see cref="BucketPolicyGap"/>).</summary>
    public string? BucketPolicy { get; init; }

    public Gap? BucketPolicyGap { get; init; }

    /// <summary>The default encryption rule; null when there is none or it could not be read (see <see cref="EncryptionGap"/>).</summary>
    public BucketEncryptionFacts? Encryption { get; init; }

    public Gap? EncryptionGap { get; init; }

    /// <summary>For SSE-KMS: the bucket key; null otherwise or when DescribeKey failed (see <see cref="KeyGap"/>).</summary>
    public KmsKeyFacts? Key { get; init; }

    public Gap? KeyGap { get; init; }

    /// <summary>The network probe from where the vendor run ran; null when --probe was not given.</summary>
    public VendorProbeFacts? Probe { get; init; }
}

/// <param name="Algorithm">AES256, aws:kms or aws:kms:dsse.</param>
public sealed record BucketEncryptionFacts(string Algorithm, string? KmsKeyId, bool? BucketKeyEnabled);

/// <summary>The bucket's KMS key, its policy and grants.</summary>
public sealed record KmsKeyFacts
{
    public required string Arn { get; init; }

    public string? AccountId { get; init; }

    /// <summary>Enabled, Disabled, PendingDeletion, ... (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html).</summary>
    public string? KeyState { get; init; }

    /// <summary>AWS or CUSTOMER.</summary>
    public string? KeyManager { get; init; }

    public string? Policy { get; init; }

    public Gap? PolicyGap { get; init; }

    /// <summary>Null when the grants could not be listed (see <see cref="GrantsGap"/>).</summary>
    public IReadOnlyList<KmsGrantFacts>? Grants { get; init; }

    public Gap? GrantsGap { get; init; }
}

public sealed record KmsGrantFacts(string GrantId, string? GranteePrincipal, IReadOnlyList<string> Operations, bool HasConstraints);
