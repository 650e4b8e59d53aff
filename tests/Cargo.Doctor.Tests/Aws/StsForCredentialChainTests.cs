using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Cargo.Doctor.AwsApi.Clients;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Issue 11: the Native AOT binary cannot load AWSSDK.SecurityToken by reflection, so the credential
/// chain's STS client comes from <see cref="StsForCredentialChain"/>. It must sign assume-role calls
/// with the source profile's keys, and leave web identity unsigned, as the SDK's reflection path does.
/// </summary>
[Trait("Category", "Unit")]
public sealed class StsForCredentialChainTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cargo-doctor-aws-profiles-").FullName;

    public StsForCredentialChainTests()
    {
        File.WriteAllText(Path.Combine(folder, "credentials"), """
            [base]
            aws_access_key_id = AKIDBASEEXAMPLE00001
            aws_secret_access_key = base-secret-example

            [chained]
            role_arn = arn:aws:iam::111122223333:role/cargo-doctor-reader
            source_profile = base

            [from-metadata]
            role_arn = arn:aws:iam::111122223333:role/cargo-doctor-reader
            credential_source = Ec2InstanceMetadata

            [web]
            role_arn = arn:aws:iam::111122223333:role/cargo-doctor-reader
            web_identity_token_file = /var/run/token
            """);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task assume_role_profile_signs_with_the_source_profile_keys()
    {
        var credentials = Sts("chained").AssumeRoleSourceCredentials();

        Assert.NotNull(credentials);
        var keys = await credentials.GetCredentialsAsync();
        Assert.Equal("AKIDBASEEXAMPLE00001", keys.AccessKey);
    }

    [Theory]
    [InlineData("web")]
    [InlineData("base")]
    [InlineData("no-such-profile")]
    public void web_identity_plain_keys_and_unknown_profiles_call_sts_unsigned(string profile)
    {
        Assert.Null(Sts(profile).AssumeRoleSourceCredentials());
    }

    [Fact]
    public void credential_source_profile_is_a_one_line_error_that_names_the_way_out()
    {
        var error = Assert.Throws<AmazonClientException>(() => Sts("from-metadata").AssumeRoleSourceCredentials());

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("'from-metadata'", error.Message);
        Assert.Contains("aws configure export-credentials --profile from-metadata", error.Message);
    }

    private StsForCredentialChain Sts(string profile) =>
        new(profile, new CredentialProfileStoreChain(Path.Combine(folder, "credentials")));
}
