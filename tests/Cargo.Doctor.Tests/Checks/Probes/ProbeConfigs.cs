using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Checks.Probes;

/// <summary>Round-trip settings a customer would pass (--bucket, --role-arn, --cargo-role-arn).</summary>
public static class ProbeConfigs
{
    public const string CustomerRole = "arn:aws:iam::111122223333:role/RedshiftForCargo";
    public const string CargoRole = "arn:aws:iam::444455556666:role/cargo-customer-acme";
    public const string Bucket = "cargo-exchange-eu";

    public static DoctorConfig WithRoundTrip(DoctorConfig config, string? region = null, string prefix = "acme") => config with
    {
        Aws = config.Aws with { RoleArn = CustomerRole },
        Cargo = config.Cargo with { Bucket = Bucket, Prefix = prefix, RoleArn = CargoRole, BucketRegion = region },
    };
}
