using System.CommandLine;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli.Options;

/// <summary>Flags for the AWS side and Cargo's own resources (IPs, role, bucket).</summary>
internal sealed class AwsOptions
{
    public Option<string?> Region { get; } = new("--region") { HelpName = "region", Description = "AWS region of the warehouse" };

    public Option<string?> Cluster { get; } = new("--cluster") { HelpName = "cluster-id", Description = "Provisioned cluster identifier" };

    public Option<string?> Workgroup { get; } = new("--workgroup") { HelpName = "workgroup", Description = "Redshift Serverless workgroup name" };

    public Option<string?> Namespace { get; } = new("--namespace") { HelpName = "namespace", Description = "Redshift Serverless namespace (default: the workgroup's)" };

    public Option<string[]> CargoIp { get; } = new("--cargo-ip") { HelpName = "ip|cidr", Description = "Cargo's public IP or CIDR (repeatable; wider than /16 or /48 needs --allow-wide-cidr)" };

    public Option<bool> AllowWideCidr { get; } = new("--allow-wide-cidr") { Description = "Accept a --cargo-ip wider than /16 (IPv4) or /48 (IPv6); the report warns and proposes no rule for it" };

    public Option<string?> CargoRoleArn { get; } = new("--cargo-role-arn") { HelpName = "arn", Description = "ARN of the role Cargo created for you" };

    public Option<string?> RoleArn { get; } = new("--role-arn") { HelpName = "arn", Description = "ARN of your role attached to Redshift (default: discovered)" };

    public Option<string?> Profile { get; } = new("--profile") { HelpName = "profile", Description = "AWS CLI profile for credentials" };

    public Option<string?> EvidenceDir { get; } = new("--aws-evidence") { HelpName = "dir", Description = "Folder of AWS CLI JSON output to read instead of calling AWS" };

    public Option<string?> Bucket { get; } = new("--bucket") { HelpName = "bucket", Description = "Cargo's S3 bucket for the COPY/UNLOAD probe" };

    public Option<string?> Prefix { get; } = new("--prefix") { HelpName = "prefix", Description = "Key prefix in Cargo's bucket" };

    public Option<string?> BucketRegion { get; } = new("--bucket-region") { HelpName = "region", Description = "Region of Cargo's bucket, when not the warehouse's" };

    public Option<bool> ReadOnly { get; } = new("--read-only") { Description = "Run no live probe: catalog and API reads only" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Region, Cluster, Workgroup, Namespace, CargoIp, AllowWideCidr, CargoRoleArn, RoleArn, Profile, EvidenceDir, Bucket, Prefix, BucketRegion, ReadOnly })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Merges the flags over the config file; the merged whole is validated in one step (DoctorConfigValidator).</summary>
    public DoctorConfig Apply(ParseResult parse, DoctorConfig config)
    {
        var ips = parse.GetValue(CargoIp) ?? [];
        var merged = config with
        {
            Aws = config.Aws with
            {
                Region = parse.GetValue(Region) ?? config.Aws.Region,
                ClusterIdentifier = parse.GetValue(Cluster) ?? config.Aws.ClusterIdentifier,
                Workgroup = parse.GetValue(Workgroup) ?? config.Aws.Workgroup,
                Namespace = parse.GetValue(Namespace) ?? config.Aws.Namespace,
                RoleArn = parse.GetValue(RoleArn) ?? config.Aws.RoleArn,
                Profile = parse.GetValue(Profile) ?? config.Aws.Profile,
                EvidenceDir = parse.GetValue(EvidenceDir) ?? config.Aws.EvidenceDir,
            },
            Cargo = config.Cargo with
            {
                Ips = ips.Length > 0 ? ips : config.Cargo.Ips,
                RoleArn = parse.GetValue(CargoRoleArn) ?? config.Cargo.RoleArn,
                Bucket = parse.GetValue(Bucket) ?? config.Cargo.Bucket,
                Prefix = parse.GetValue(Prefix) ?? config.Cargo.Prefix,
                BucketRegion = parse.GetValue(BucketRegion) ?? config.Cargo.BucketRegion,
                AllowWideCidr = parse.GetValue(AllowWideCidr) || config.Cargo.AllowWideCidr,
            },
            ReadOnly = parse.GetValue(ReadOnly) || config.ReadOnly,
        };
        return merged;
    }
}
