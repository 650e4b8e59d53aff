using System.Text.RegularExpressions;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// Where the COPY/UNLOAD probe writes: Cargo's bucket and prefix, and the role chain (the
/// customer's role first, then Cargo's). Anything that does not look like a bucket or role ARN is
/// a config error: it would be spliced into a statement, and Redshift forbids spaces in the chain.
/// </summary>
public sealed partial record RoundTripTarget(string Bucket, string Prefix, string? Region, string CustomerRoleArn, string CargoRoleArn)
{
    public string RoleChain => $"{CustomerRoleArn},{CargoRoleArn}";

    /// <summary>The run's own folder: <c>s3://bucket/prefix/cargo-doctor/run-id/</c>.</summary>
    public string Folder(string runId) =>
        $"s3://{Bucket}/{(Prefix.Length == 0 ? "" : Prefix + "/")}cargo-doctor/{runId}/";

    /// <summary>What is missing for the round trip (empty when it can run).</summary>
    public static IReadOnlyList<string> Missing(DoctorConfig config) =>
        new[]
        {
            (config.Cargo.Bucket, "--bucket (Cargo's bucket)"),
            (config.Aws.RoleArn, "--role-arn (your role attached to Redshift)"),
            (config.Cargo.RoleArn, "--cargo-role-arn (Cargo's role)"),
        }.Where(x => string.IsNullOrWhiteSpace(x.Item1)).Select(x => x.Item2).ToList();

    /// <summary>Null when the config lacks a part; throws <see cref="ConfigException"/> when a part is malformed.</summary>
    public static RoundTripTarget? FromConfig(DoctorConfig config)
    {
        if (Missing(config).Count > 0)
        {
            return null;
        }

        var bucket = config.Cargo.Bucket!.Trim();
        if (!BucketName().IsMatch(bucket))
        {
            throw new ConfigException($"--bucket '{bucket}' is not an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens; no s3:// and no path: put the path in --prefix)");
        }

        var region = string.IsNullOrWhiteSpace(config.Cargo.BucketRegion) ? null : config.Cargo.BucketRegion.Trim();
        if (region is not null && !RegionName().IsMatch(region))
        {
            throw new ConfigException($"--bucket-region '{region}' is not an AWS region (like eu-west-1)");
        }

        var prefix = (config.Cargo.Prefix ?? "").Trim().Trim('/');
        if (prefix.Any(char.IsControl))
        {
            throw new ConfigException("--prefix contains a control character");
        }

        return new RoundTripTarget(bucket, prefix, region, RoleArn(config.Aws.RoleArn!, "--role-arn"), RoleArn(config.Cargo.RoleArn!, "--cargo-role-arn"));
    }

    private static string RoleArn(string value, string flag)
    {
        var arn = value.Trim();
        return Config.RoleArn.IsValid(arn)
            ? arn
            : throw new ConfigException($"{flag} '{arn}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>, no spaces or commas: Redshift joins the chain with commas and forbids spaces)");
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex RegionName();
}
