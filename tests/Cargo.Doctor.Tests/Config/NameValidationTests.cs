using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Config;

/// <summary>
/// Names the scripts grant to or change, refused up front: PUBLIC (any case, any quoting) for --user,
/// --login-user and --function-role; user names over 127 bytes (the stand-in's PostgreSQL cuts at 63, so only
/// the validator can be tested from 64 to 127); IAM role names anchored with \z; cluster identifiers and
/// Serverless names by AWS's naming rules.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NameValidationTests
{
    [Theory]
    [InlineData("public", true)]
    [InlineData("PUBLIC", true)]
    [InlineData("Public", true)]
    [InlineData("\"public\"", true)]
    [InlineData("\"PUBLIC\"", true)]
    [InlineData(" public ", true)]
    [InlineData("public_user", false)]
    [InlineData("\"public \"", false)]
    [InlineData("\"pub\"\"lic\"", false)]
    [InlineData("user", false)] // a reserved word, valid when quoted (the tool quotes every name)
    [InlineData("cargo", false)]
    public void public_is_recognised_in_any_case_or_quoting(string name, bool expected) =>
        Assert.Equal(expected, DatabaseUserName.IsPublic(name));

    [Theory]
    [InlineData(1, true)]
    [InlineData(63, true)]
    [InlineData(64, true)]
    [InlineData(127, true)]
    [InlineData(128, false)]
    public void user_names_are_at_most_127_bytes(int bytes, bool valid) =>
        Assert.Equal(valid, DatabaseUserName.Problem("--user", new string('u', bytes)) is null);

    [Fact]
    public void the_byte_limit_counts_utf8_bytes_not_characters()
    {
        Assert.Null(DatabaseUserName.Problem("--user", new string('é', 63)));
        Assert.NotNull(DatabaseUserName.Problem("--user", new string('é', 64)));
    }

    [Theory]
    [InlineData("cargo-redshift-access", true)]
    [InlineData("A+=,.@_-9", true)]
    [InlineData("cargo-role\n", false)]
    [InlineData("cargo role", false)]
    [InlineData("cargo/role", false)]
    [InlineData("", false)]
    [InlineData("rôle", false)]
    public void iam_role_names(string name, bool valid) => Assert.Equal(valid, IamRoleName.IsValid(name));

    [Fact]
    public void iam_role_names_are_1_to_64_characters()
    {
        Assert.True(IamRoleName.IsValid(new string('r', 64)));
        Assert.False(IamRoleName.IsValid(new string('r', 65)));
    }

    [Theory]
    [InlineData("cargo-cluster", true)]
    [InlineData("c", true)]
    [InlineData("examplecluster1", true)]
    [InlineData("Cargo-cluster", false)]
    [InlineData("1cluster", false)]
    [InlineData("-cluster", false)]
    [InlineData("cluster-", false)]
    [InlineData("cargo--cluster", false)]
    [InlineData("cargo_cluster", false)]
    [InlineData("cargo.cluster", false)]
    [InlineData("cargo-cluster\n", false)]
    public void cluster_identifiers(string id, bool valid) => Assert.Equal(valid, AwsResourceName.IsClusterIdentifier(id));

    [Fact]
    public void cluster_identifiers_are_1_to_63_characters()
    {
        Assert.True(AwsResourceName.IsClusterIdentifier("c" + new string('1', 62)));
        Assert.False(AwsResourceName.IsClusterIdentifier("c" + new string('1', 63)));
    }

    [Theory]
    [InlineData("cargo-wg", true)]
    [InlineData("0wg", true)]
    [InlineData("wg", false)]
    [InlineData("cargo_wg", false)]
    [InlineData("Cargo-wg", false)]
    public void serverless_names(string name, bool valid) => Assert.Equal(valid, AwsResourceName.IsServerlessName(name));

    [Theory]
    [InlineData("public", "--user 'public' means PUBLIC")]
    [InlineData("\"Public\"", "--user '\"Public\"' means PUBLIC")]
    public void the_validator_refuses_public_for_user(string user, string expected)
    {
        var config = new DoctorConfig { Warehouse = new WarehouseConfig { Host = "example.com", Databases = ["dev"], User = user } };

        Assert.Contains(DoctorConfigValidator.Validate(config), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void the_validator_refuses_a_malformed_cluster_identifier()
    {
        var config = new DoctorConfig { Aws = new AwsConfig { Region = "eu-west-1", ClusterIdentifier = "Cargo_Cluster" } };

        Assert.Contains($"--cluster 'Cargo_Cluster' {AwsResourceName.ClusterExpected}", DoctorConfigValidator.Validate(config));
    }
}
