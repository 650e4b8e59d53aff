using Cargo.Doctor.Config;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Tests.Checks.Probes;

namespace Cargo.Doctor.Tests.Sources.Probes;

/// <summary>The exact UNLOAD/COPY text, its quoting, and the config checks that keep bad input out of it.</summary>
[Trait("Category", "Unit")]
public sealed class RoundTripSqlTests
{
    private const string Run = "20250102t030405_0a1b2c3d";

    private static RoundTripSql Sql(string prefix = "acme", string? region = null) =>
        new(RoundTripTarget.FromConfig(ProbeConfigs.WithRoundTrip(new DoctorConfig(), region, prefix))!, Run);

    [Fact]
    public void unload_without_region()
    {
        Assert.Equal(
            "UNLOAD ('SELECT id, note, amount, happened_at, flag FROM \"cargo_doctor_round_trip_src\" ORDER BY id')\n" +
            "TO 's3://cargo-exchange-eu/acme/cargo-doctor/20250102t030405_0a1b2c3d/'\n" +
            "IAM_ROLE 'arn:aws:iam::111122223333:role/RedshiftForCargo,arn:aws:iam::444455556666:role/cargo-customer-acme'\n" +
            "FORMAT AS CSV NULL AS 'cargo-doctor-null' PARALLEL OFF",
            Sql().Unload);
    }

    [Fact]
    public void copy_with_region()
    {
        Assert.Equal(
            "COPY \"cargo_doctor_round_trip_copy\" (id, note, amount, happened_at, flag)\n" +
            "FROM 's3://cargo-exchange-eu/acme/cargo-doctor/20250102t030405_0a1b2c3d/'\n" +
            "IAM_ROLE 'arn:aws:iam::111122223333:role/RedshiftForCargo,arn:aws:iam::444455556666:role/cargo-customer-acme'\n" +
            "FORMAT AS CSV NULL AS 'cargo-doctor-null' TIMEFORMAT 'auto'\n" +
            "REGION 'us-east-2'",
            Sql(region: "us-east-2").Copy);
        Assert.EndsWith("PARALLEL OFF\nREGION 'us-east-2'", Sql(region: "us-east-2").Unload);
        Assert.DoesNotContain("REGION", Sql().Copy);
    }

    [Fact]
    public void prefix_with_quotes_and_backslashes_is_escaped_in_both_statements()
    {
        var sql = Sql(prefix: "/it's\\odd/");

        Assert.Equal("s3://cargo-exchange-eu/it's\\odd/cargo-doctor/20250102t030405_0a1b2c3d/", sql.Folder);
        Assert.Contains("TO 's3://cargo-exchange-eu/it''s\\\\odd/cargo-doctor/", sql.Unload);
        Assert.Contains("FROM 's3://cargo-exchange-eu/it''s\\\\odd/cargo-doctor/", sql.Copy);
    }

    [Fact]
    public void empty_prefix_puts_the_folder_at_the_bucket_root()
    {
        Assert.Equal("s3://cargo-exchange-eu/cargo-doctor/20250102t030405_0a1b2c3d/", Sql(prefix: "").Folder);
    }

    [Theory]
    [InlineData("SELECT 'a'", "'SELECT ''a'''")]
    [InlineData("SELECT 'a\\b'", "'SELECT ''a\\\\b'''")]
    [InlineData("plain", "'plain'")]
    public void redshift_literal_doubles_quotes_and_backslashes(string text, string literal) =>
        Assert.Equal(literal, Cargo.Doctor.Quoting.SqlQuote.UnloadLiteral(text));

    [Fact]
    public void source_rows_hold_nulls_unicode_quotes_timestamps_and_numerics()
    {
        var insert = Sql().InsertRows;

        Assert.Contains("(4, NULL, NULL, NULL, NULL)", insert);
        Assert.Contains("東京", insert);
        Assert.Contains("'it''s \"quoted\", with a comma | and a pipe'", insert);
        Assert.Contains("'2024-02-29 23:59:59.123456'", insert);
        Assert.Contains("99999999999999.9999", insert);
        Assert.StartsWith("CREATE TEMP TABLE \"cargo_doctor_round_trip_src\"", Sql().CreateSource);
        Assert.Equal("CREATE TEMP TABLE \"cargo_doctor_round_trip_copy\" (LIKE \"cargo_doctor_round_trip_src\")", Sql().CreateCopy);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/My Role", null, null)]
    [InlineData("arn:aws:iam::111122223333:role/a,b", null, null)]
    [InlineData("arn:aws:iam::role/RoleA", null, null)]
    [InlineData("arn:aws:iam::111122223333:user/alice", null, null)]
    [InlineData(ProbeConfigs.CustomerRole, "s3://cargo-exchange-eu", null)]
    [InlineData(ProbeConfigs.CustomerRole, "Cargo_Bucket", null)]
    [InlineData(ProbeConfigs.CustomerRole, "cargo-exchange-eu/acme", null)]
    [InlineData(ProbeConfigs.CustomerRole, null, "eu west 1")]
    public void malformed_role_bucket_or_region_is_a_config_error(string role, string? bucket, string? region)
    {
        var config = ProbeConfigs.WithRoundTrip(new DoctorConfig(), region);
        config = config with { Aws = config.Aws with { RoleArn = role }, Cargo = config.Cargo with { Bucket = bucket ?? ProbeConfigs.Bucket } };

        // Refused by the one validation step before the run; the probe never splices it into a statement.
        var problem = Assert.Single(DoctorConfigValidator.Validate(config), p => p.StartsWith("--role-arn", StringComparison.Ordinal) || p.StartsWith("--bucket", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', problem);
        Assert.Null(ProbePlan.Create(config, DateTimeOffset.UtcNow).RoundTrip);
    }

    [Fact]
    public void partition_and_path_role_arns_are_accepted()
    {
        var config = ProbeConfigs.WithRoundTrip(new DoctorConfig());
        config = config with { Aws = config.Aws with { RoleArn = "arn:aws-us-gov:iam::111122223333:role/path/R+=.@_-x" } };

        Assert.NotNull(RoundTripTarget.FromConfig(config));
    }

    [Fact]
    public void run_ids_are_unique_lower_case_and_start_with_the_time()
    {
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var (a, b) = (ProbePlan.NewRunId(at), ProbePlan.NewRunId(at));

        Assert.NotEqual(a, b);
        Assert.StartsWith("20250102t030405_", a);
        Assert.Equal(a.ToLowerInvariant(), a);
    }
}
