using Cargo.Doctor.Config;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// Where the COPY/UNLOAD probe writes: Cargo's bucket and prefix, and the role chain (the
/// customer's role first, then Cargo's). Anything that does not look like a bucket or role ARN is
/// never used: it would be spliced into a statement, and Redshift forbids spaces in the chain.
/// </summary>
public sealed record RoundTripTarget(string Bucket, string Prefix, string? Region, string CustomerRoleArn, string CargoRoleArn)
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

    /// <summary>
    /// Null when the config lacks a part, or a part cannot go into a statement. The one validation
    /// step (DoctorConfigValidator) refuses a malformed bucket, region, prefix or role ARN before the
    /// run, so only a role found at run time (e.g. an IAM role name with a comma) gets here malformed.
    /// </summary>
    public static RoundTripTarget? FromConfig(DoctorConfig config)
    {
        if (Missing(config).Count > 0 || Unusable(config) is not null)
        {
            return null;
        }

        var region = string.IsNullOrWhiteSpace(config.Cargo.BucketRegion) ? null : config.Cargo.BucketRegion.Trim();
        var prefix = (config.Cargo.Prefix ?? "").Trim().Trim('/');
        return new RoundTripTarget(config.Cargo.Bucket!.Trim(), prefix, region, config.Aws.RoleArn!.Trim(), config.Cargo.RoleArn!.Trim());
    }

    /// <summary>Why the configured parts cannot be spliced into the round trip's statements, or null.</summary>
    public static string? Unusable(DoctorConfig config)
    {
        foreach (var (flag, arn) in new[] { ("--role-arn", config.Aws.RoleArn), ("--cargo-role-arn", config.Cargo.RoleArn) })
        {
            if (arn is not null && !RoleArn.IsValid(arn))
            {
                // Redshift joins the chain with commas and forbids spaces:
                // https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html#authorizing-redshift-service-chaining-roles
                return RoleArn.Problem(flag, arn);
            }
        }

        if (config.Cargo.Bucket is { } bucket && !BucketName.IsValid(bucket))
        {
            return $"--bucket '{bucket.Trim()}' {BucketName.Expected}";
        }

        if (config.Cargo.BucketRegion is { Length: > 0 } region && !AwsRegion.IsValid(region))
        {
            return $"--bucket-region '{region.Trim()}' {AwsRegion.Expected}";
        }

        return (config.Cargo.Prefix ?? "").Any(char.IsControl) ? "--prefix contains a control character" : null;
    }
}
