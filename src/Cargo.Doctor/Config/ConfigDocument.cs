namespace Cargo.Doctor.Config;

/// <summary>The config file's shape, as written in YAML (camelCase keys).</summary>
internal sealed class ConfigDocument
{
    public WarehouseSection? Warehouse { get; set; }

    public AwsSection? Aws { get; set; }

    public CargoSection? Cargo { get; set; }

    public bool? ReadOnly { get; set; }

    internal sealed class WarehouseSection
    {
        public string? Endpoint { get; set; }

        public string? Host { get; set; }

        public int? Port { get; set; }

        public List<string>? Databases { get; set; }

        public List<string>? Schemas { get; set; }

        public string? User { get; set; }

        public string? LoginUser { get; set; }

        public string? FunctionRole { get; set; }

        public string? SslMode { get; set; }

        public int? ConnectTimeout { get; set; }

        /// <summary>Only read to refuse it with a clear message.</summary>
        public string? Password { get; set; }
    }

    internal sealed class AwsSection
    {
        public string? Region { get; set; }

        public string? ClusterIdentifier { get; set; }

        public string? Workgroup { get; set; }

        public string? Namespace { get; set; }

        public string? RoleArn { get; set; }

        public string? Profile { get; set; }

        public string? EvidenceDir { get; set; }
    }

    internal sealed class CargoSection
    {
        public List<string>? Ip { get; set; }

        public string? RoleArn { get; set; }

        public string? Bucket { get; set; }

        public string? Prefix { get; set; }

        public string? BucketRegion { get; set; }
    }
}
