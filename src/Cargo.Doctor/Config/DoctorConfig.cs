namespace Cargo.Doctor.Config;

/// <summary>
/// Everything a run needs, merged from the YAML config file and command-line flags (flags win).
/// Holds no secret: the password comes from the environment or a prompt at connect time.
/// </summary>
public sealed record DoctorConfig
{
    public WarehouseConfig Warehouse { get; init; } = new();

    public AwsConfig Aws { get; init; } = new();

    public CargoConfig Cargo { get; init; } = new();

    /// <summary>True turns every live probe off (catalog reads only).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Known gaps that do not fail the run until they expire (config <c>accept:</c>).</summary>
    public IReadOnlyList<AcceptEntry> Accept { get; init; } = [];

    /// <summary>Config <c>targets:</c>: a fleet of warehouses checked in one run (empty: one target, this config).</summary>
    public IReadOnlyList<FleetTarget> Targets { get; init; } = [];

    /// <summary>What is Cargo's own, for <c>cargo-doctor vendor</c> (config <c>vendor:</c>); a customer's run ignores it.</summary>
    public VendorConfig Vendor { get; init; } = new();
}

public sealed record WarehouseConfig
{
    public string? Host { get; init; }

    public int Port { get; init; } = 5439;

    /// <summary>Databases Cargo uses; the first is where the tool connects for cluster-wide facts.</summary>
    public IReadOnlyList<string> Databases { get; init; } = [];

    public IReadOnlyList<SchemaTarget> Schemas { get; init; } = [];

    /// <summary>The Cargo user whose privileges are checked.</summary>
    public string User { get; init; } = "cargo_user";

    /// <summary>Log in as this user instead (an admin), to inspect the Cargo user from outside.</summary>
    public string? LoginUser { get; init; }

    public string FunctionRole { get; init; } = "cargo_create_replace_function";

    public WarehouseSslMode SslMode { get; init; } = WarehouseSslMode.Prefer;

    public int ConnectTimeoutSeconds { get; init; } = 15;

    /// <summary>Days of the Cargo user's statement history read for failures (--history-days, warehouse.historyDays); 0 turns it off.</summary>
    public int HistoryDays { get; init; } = 7;

    /// <summary>Seconds one catalog statement may run before it becomes a gap (unknown).</summary>
    public int CommandTimeoutSeconds { get; init; } = 300;

    /// <summary>All databases: configured ones plus those named by schemas, in order.</summary>
    public IReadOnlyList<string> AllDatabases =>
        Databases.Concat(Schemas.Select(s => s.Database)).Distinct(StringComparer.Ordinal).ToList();
}

public sealed record AwsConfig
{
    public string? Region { get; init; }

    public string? ClusterIdentifier { get; init; }

    public string? Workgroup { get; init; }

    /// <summary>Serverless namespace; found from the workgroup when absent.</summary>
    public string? Namespace { get; init; }

    /// <summary>The customer's role that Redshift assumes first; discovered when absent.</summary>
    public string? RoleArn { get; init; }

    public string? Profile { get; init; }

    /// <summary>A folder of AWS CLI JSON output to read instead of calling AWS.</summary>
    public string? EvidenceDir { get; init; }

    public bool IsConfigured => ClusterIdentifier is not null || Workgroup is not null || EvidenceDir is not null;

    public bool IsServerless => Workgroup is not null || Namespace is not null;
}

public sealed record CargoConfig
{
    /// <summary>Cargo's public IPs or CIDRs that must reach the warehouse port.</summary>
    public IReadOnlyList<string> Ips { get; init; } = [];

    /// <summary>Cargo's role, assumed second in the chain.</summary>
    public string? RoleArn { get; init; }

    public string? Bucket { get; init; }

    public string? Prefix { get; init; }

    public string? BucketRegion { get; init; }

    /// <summary>
    /// <c>--allow-wide-cidr</c>: accept a Cargo IP range wider than /16 (IPv4) or /48 (IPv6). Nothing
    /// proposes opening the warehouse port to it, and the report warns.
    /// </summary>
    public bool AllowWideCidr { get; init; }
}
