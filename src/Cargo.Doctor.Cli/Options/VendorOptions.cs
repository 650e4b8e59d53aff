using System.CommandLine;
using Cargo.Doctor.Config;
using Cargo.Doctor.Sources.Vendor;

namespace Cargo.Doctor.Cli.Options;

/// <summary>
/// Flags of <c>cargo-doctor vendor</c>: the same names and meanings as <c>check</c>'s (the customer's and Cargo's role,
/// bucket, prefix, the warehouse's region, the endpoint), read with Cargo's credentials.
/// </summary>
internal sealed class VendorOptions
{
    public Option<string?> CargoRoleArn { get; } = new("--cargo-role-arn") { HelpName = "arn", Description = "ARN of Cargo's role for this customer" };

    public Option<string?> RoleArn { get; } = new("--role-arn") { HelpName = "arn", Description = "ARN of the customer's role (the one the customer gave Cargo)" };

    public Option<string?> Bucket { get; } = new("--bucket") { HelpName = "bucket", Description = "Cargo's S3 bucket" };

    public Option<string?> Prefix { get; } = new("--prefix") { HelpName = "prefix", Description = "This customer's key prefix in Cargo's bucket" };

    public Option<string?> Region { get; } = new("--region") { HelpName = "region", Description = "AWS region of the customer's warehouse" };

    public Option<string?> Endpoint { get; } = new("--endpoint") { HelpName = "host:port/db", Description = "The customer's warehouse endpoint (for --probe)" };

    public Option<string?> Profile { get; } = new("--profile") { HelpName = "profile", Description = "AWS CLI profile with Cargo's credentials" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { CargoRoleArn, RoleArn, Bucket, Prefix, Region, Endpoint, Profile })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The flags over the config file's cargo: and aws: keys; every problem at once.</summary>
    public VendorReadRequest Read(ParseResult parse, DoctorConfig config, List<string> problems)
    {
        var cargoRole = Required(parse.GetValue(CargoRoleArn) ?? config.Cargo.RoleArn, "--cargo-role-arn", problems);
        var customerRole = Required(parse.GetValue(RoleArn) ?? config.Aws.RoleArn, "--role-arn", problems);
        var bucket = Required(parse.GetValue(Bucket) ?? config.Cargo.Bucket, "--bucket", problems);
        var region = Required(parse.GetValue(Region) ?? config.Aws.Region, "--region", problems);
        var prefix = (parse.GetValue(Prefix) ?? config.Cargo.Prefix ?? "").Trim().Trim('/');
        if (cargoRole is not null && !Config.RoleArn.IsValid(cargoRole))
        {
            problems.Add(Config.RoleArn.Problem("--cargo-role-arn", cargoRole));
        }

        if (customerRole is not null && !Config.RoleArn.IsValid(customerRole))
        {
            problems.Add(Config.RoleArn.Problem("--role-arn", customerRole));
        }

        if (bucket is not null && !BucketName.IsValid(bucket))
        {
            problems.Add($"--bucket '{bucket}' is not an S3 bucket name");
        }

        if (region is not null && !AwsRegion.IsValid(region))
        {
            problems.Add($"--region '{region}' is not an AWS region name (such as eu-west-1)");
        }

        if (prefix.Any(char.IsControl))
        {
            problems.Add("--prefix contains a control character");
        }

        string? endpoint = null;
        if (parse.GetValue(Endpoint) is { } text)
        {
            try
            {
                var parsed = Config.Endpoint.Parse(text);
                endpoint = $"{Config.Endpoint.HostForDisplay(parsed.Host)}:{parsed.Port ?? 5439}/{parsed.Database ?? "dev"}";
            }
            catch (ConfigException e)
            {
                problems.AddRange(e.Problems.Select(p => $"--endpoint: {p}"));
            }
        }

        return new VendorReadRequest(region?.Trim() ?? "", cargoRole?.Trim() ?? "", customerRole?.Trim() ?? "", bucket?.Trim() ?? "", prefix, endpoint);
    }

    private static string? Required(string? value, string flag, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{flag} is required");
            return null;
        }

        return value;
    }
}
