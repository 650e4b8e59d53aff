namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

public enum WarehouseKind
{
    Provisioned,
    Serverless,
}

/// <summary>An IAM role of the world: who it trusts, with which sts:ExternalId, and which roles it may assume.</summary>
public sealed class WorldRole(string arn)
{
    public string Arn { get; } = arn;

    public string Account => Arn.Split(':')[4];

    public string Name => Arn[(Arn.IndexOf(":role/", StringComparison.Ordinal) + ":role/".Length)..];

    /// <summary>Service principals of the trust policy (redshift.amazonaws.com, redshift-serverless.amazonaws.com).</summary>
    public HashSet<string> TrustedServices { get; } = new(StringComparer.Ordinal);

    /// <summary>AWS principals of the trust policy: role ARNs or account roots (arn:aws:iam::123456789012:root).</summary>
    public HashSet<string> TrustedPrincipals { get; } = new(StringComparer.Ordinal);

    /// <summary>Values of an sts:ExternalId StringEquals condition on the trust; null when there is none.</summary>
    public HashSet<string>? ExternalIds { get; set; }

    /// <summary>Role ARNs this role's permission policy allows sts:AssumeRole on.</summary>
    public HashSet<string> MayAssume { get; } = new(StringComparer.Ordinal);
}

/// <summary>A bucket: its region and which roles may read it (List+Get, for COPY) or write it (Get+List+Put, for UNLOAD).</summary>
public sealed class WorldBucket(string name, string region)
{
    public string Name { get; } = name;

    public string Region { get; set; } = region;

    public HashSet<string> Readers { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Writers { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The explicit facts the stand-in decides COPY/UNLOAD outcomes from: the warehouse (kind, region,
/// account, cluster or workgroup), its attached roles, every role's trust and permissions, and the
/// buckets. ASSUMEROLE grants are not here: they live in the emulation, changed with GRANT/REVOKE
/// ASSUMEROLE through the SQL path and read with has_assumerole_privilege. The stand-in evaluates these facts itself and never calls the
/// product's policy evaluators, so a test cannot pass because both sides share a bug.
/// </summary>
public sealed class AwsWorld
{
    public const string RedshiftService = "redshift.amazonaws.com";
    public const string ServerlessService = "redshift-serverless.amazonaws.com";

    public WarehouseKind Kind { get; private set; } = WarehouseKind.Provisioned;

    public string Region { get; private set; } = "eu-west-1";

    public string Account { get; private set; } = "111122223333";

    /// <summary>Cluster identifier (provisioned) or workgroup id (Serverless).</summary>
    public string WarehouseId { get; private set; } = "analytics";

    public Dictionary<string, WorldRole> Roles { get; } = new(StringComparer.Ordinal);

    public HashSet<string> AttachedRoles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, WorldBucket> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>Node slices: PARALLEL ON writes one object per slice.</summary>
    public int Slices { get; set; } = 2;

    /// <summary>
    /// The database user ARN Redshift passes as sts:ExternalId
    /// (https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service-database-users.html;
    /// the Serverless spelling serverless-&lt;account&gt;-&lt;workgroup id&gt; is UNCONFIRMED).
    /// </summary>
    public string DbUserArn(string user) => Kind == WarehouseKind.Provisioned
        ? $"arn:aws:redshift:{Region}:{Account}:dbuser:{WarehouseId}/{user}"
        : $"arn:aws:redshift:{Region}:{Account}:dbuser:serverless-{Account}-{WarehouseId}/{user}";

    public AwsWorld Provisioned(string clusterId = "analytics", string region = "eu-west-1", string account = "111122223333")
    {
        (Kind, WarehouseId, Region, Account) = (WarehouseKind.Provisioned, clusterId, region, account);
        return this;
    }

    public AwsWorld Serverless(string workgroupId = "0a1b2c3d-4e5f-6789-abcd-ef0123456789", string region = "eu-west-1", string account = "111122223333")
    {
        (Kind, WarehouseId, Region, Account) = (WarehouseKind.Serverless, workgroupId, region, account);
        return this;
    }

    public WorldRole Role(string arn)
    {
        if (!Roles.TryGetValue(arn, out var role))
        {
            Roles[arn] = role = new WorldRole(arn);
        }

        return role;
    }

    /// <summary>
    /// The customer's role as the setup guide builds it: attached, trusting the Redshift service
    /// principal(s) this warehouse kind needs, allowed to assume Cargo's role.
    /// </summary>
    public AwsWorld CustomerRole(string arn, string cargoRoleArn, bool attached = true, bool trustsRedshift = true, bool mayAssumeCargo = true, string[]? externalIds = null)
    {
        var role = Role(arn);
        if (attached)
        {
            AttachedRoles.Add(arn);
        }

        if (trustsRedshift)
        {
            role.TrustedServices.Add(RedshiftService);
            role.TrustedServices.Add(ServerlessService);
        }

        if (mayAssumeCargo)
        {
            role.MayAssume.Add(cargoRoleArn);
        }

        role.ExternalIds = externalIds is null ? null : new HashSet<string>(externalIds, StringComparer.Ordinal);
        return this;
    }

    /// <summary>Cargo's role, in Cargo's account, trusting the given principal (the customer's role or its account root).</summary>
    public AwsWorld CargoRole(string arn, string? trusts)
    {
        var role = Role(arn);
        if (trusts is not null)
        {
            role.TrustedPrincipals.Add(trusts);
        }

        return this;
    }

    public AwsWorld Bucket(string name, string region, string[]? readWrite = null, string[]? readOnly = null)
    {
        var bucket = new WorldBucket(name, region);
        foreach (var arn in readWrite ?? [])
        {
            bucket.Readers.Add(arn);
            bucket.Writers.Add(arn);
        }

        foreach (var arn in readOnly ?? [])
        {
            bucket.Readers.Add(arn);
        }

        Buckets[name] = bucket;
        return this;
    }
}
