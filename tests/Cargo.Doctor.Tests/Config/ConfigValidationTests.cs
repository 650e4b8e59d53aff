using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Config;

/// <summary>
/// Issue 12.1: one validation step. A config-file value is refused where the file says it (file, line,
/// key); the merged configuration is checked once, every problem at once; nothing later re-validates.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ConfigValidationTests
{
    [Fact]
    public void yaml_connect_timeout_zero_is_refused_with_its_line_instead_of_waiting_forever()
    {
        // Npgsql reads Timeout=0 as "wait forever": https://www.npgsql.org/doc/connection-string-parameters.html#timeouts-and-keepalive
        var e = Assert.Throws<ConfigException>(() => ConfigFile.Parse("warehouse:\n  endpoint: db.example.com:5439/dev\n  connectTimeout: 0\n", "doctor.yml"));

        Assert.Equal(["doctor.yml: line 3: warehouse.connectTimeout: '0' is not a whole number from 1 to 600"], e.Problems);
    }

    [Fact]
    public void a_zero_connect_timeout_set_in_code_is_refused_by_the_merged_check()
    {
        var config = new DoctorConfig { Warehouse = new WarehouseConfig { Host = "db.example.com", Databases = ["dev"], ConnectTimeoutSeconds = 0 } };

        Assert.Equal(["--connect-timeout 0: use 1 to 600 seconds"], DoctorConfigValidator.Validate(config));
    }

    [Theory]
    [InlineData("cargo:\n  ip: [203.0.113.7, nonsense]\n", "doctor.yml: line 2: cargo.ip: 'nonsense' is not an IP address or CIDR")]
    [InlineData("cargo:\n  bucket: s3://Bad_Bucket/path\n", "doctor.yml: line 2: cargo.bucket: 's3://Bad_Bucket/path' is not an S3 bucket name")]
    [InlineData("aws:\n  region: eu-west-1\n  clusterIdentifier: c\n  workgroup: w\n", "doctor.yml: line 4: aws.workgroup: give either clusterIdentifier (provisioned) or workgroup (Serverless), not both")]
    public void a_config_file_value_is_refused_naming_file_line_and_key(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigFile.Parse(yaml, "doctor.yml"));

        Assert.StartsWith(expected, Assert.Single(e.Problems));
    }

    [Fact]
    public void every_bad_cargo_ip_is_reported_not_only_the_first()
    {
        var config = Minimal() with { Cargo = new CargoConfig { Ips = ["nonsense", "203.0.113.7", "0.0.0.0/0", "1"] } };

        var problems = DoctorConfigValidator.Validate(config);

        Assert.Equal(3, problems.Count(p => p.StartsWith("--cargo-ip", StringComparison.Ordinal)));
        Assert.Contains(problems, p => p.StartsWith("--cargo-ip '0.0.0.0/0' is wider than /16", StringComparison.Ordinal));
    }

    [Fact]
    public void a_bad_bucket_is_refused_even_when_the_round_trip_lacks_its_roles()
    {
        var config = Minimal() with { Cargo = new CargoConfig { Bucket = "Bad_Bucket" } };

        Assert.Contains("--bucket 'Bad_Bucket' is not an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens; no s3:// and no path: put the path in --prefix)", DoctorConfigValidator.Validate(config));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void a_database_or_schema_name_longer_than_redshift_allows_is_refused(bool schema)
    {
        // 127 bytes at most: https://docs.aws.amazon.com/redshift/latest/dg/r_names.html
        var name = new string('é', 64);
        var w = schema
            ? Minimal().Warehouse with { Schemas = [new SchemaTarget("dev", name, false)] }
            : Minimal().Warehouse with { Databases = ["dev", name] };

        var problem = Assert.Single(DoctorConfigValidator.Validate(Minimal() with { Warehouse = w }));

        Assert.StartsWith(schema ? "--schema 'éééé" : "--database 'éééé", problem);
        Assert.EndsWith("is longer than 127 bytes, the longest name Redshift allows", problem);
    }

    [Fact]
    public void names_of_127_bytes_pass()
    {
        var w = Minimal().Warehouse with { Databases = ["dev", new string('d', 127)] };

        Assert.Empty(DoctorConfigValidator.Validate(Minimal() with { Warehouse = w }));
    }

    private static DoctorConfig Minimal() => new() { Warehouse = new WarehouseConfig { Host = "db.example.com", Databases = ["dev"] } };
}
