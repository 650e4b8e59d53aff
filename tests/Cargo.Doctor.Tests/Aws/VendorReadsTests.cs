using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Issue 25 items 1-2: `cargo-doctor vendor` reads Cargo's role, the bucket (location, policy, encryption) and the
/// bucket key (DescribeKey, GetKeyPolicy, ListGrants) with Cargo's credentials, and nothing else: the recording
/// fake sees only Get, List and Describe calls, each correctly signed.
/// </summary>
[Trait("Category", "Aws")]
public sealed class VendorReadsTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task the_vendor_run_reads_role_bucket_and_key_into_facts()
    {
        scenario.BucketState.Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::cargo-exchange/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""";
        scenario.Key.Grants.Add(new FakeKmsGrant("grant-1", CargoRoleArn, ["Decrypt"]));

        var facts = await scenario.ReadAsync();

        Assert.Equal(CargoAccountId, facts.CallerAccountId);
        Assert.Equal(CargoRoleArn, facts.CargoRole?.Arn);
        Assert.Contains(CustomerRoleArn, facts.CargoRole?.TrustPolicy);
        Assert.Equal(["cargo-bucket", "cargo-key"], facts.CargoRole!.Policies!.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("eu-west-1", facts.BucketRegion);
        Assert.Contains("aws:SecureTransport", facts.BucketPolicy);
        Assert.Equal(("aws:kms", scenario.KeyArn), (facts.Encryption?.Algorithm, facts.Encryption?.KmsKeyId));
        Assert.Equal(scenario.KeyArn, facts.Key?.Arn);
        Assert.Contains("Enable IAM User Permissions", facts.Key?.Policy);
        Assert.Equal(CargoRoleArn, Assert.Single(facts.Key!.Grants!).GranteePrincipal);
        Assert.Null(facts.BucketPolicyGap ?? facts.EncryptionGap ?? facts.KeyGap ?? facts.CargoRoleGap);
    }

    [Fact]
    public async Task the_vendor_run_makes_only_get_list_and_describe_calls_signed_by_cargo()
    {
        await scenario.ReadAsync();

        var requests = scenario.Fake.Requests;
        Assert.Contains(requests, r => r.Operation == "GetBucketLocation");
        Assert.Contains(requests, r => r.Operation == "ListGrants");
        Assert.All(requests, r => Assert.Matches("^(Get|List|Describe)", r.Operation));
        Assert.All(requests, r => Assert.Equal(CargoAccountId, r.CallerAccountId));
        Assert.Empty(scenario.Fake.SigningProblems);
    }

    [Fact]
    public async Task a_bucket_without_policy_has_no_policy_and_no_gap()
    {
        var facts = await scenario.ReadAsync();

        Assert.Null(facts.BucketPolicyGap);
        Assert.Null(facts.BucketPolicy);
    }

    [Fact]
    public async Task grants_that_cannot_be_listed_are_a_gap_naming_kms_list_grants()
    {
        scenario.Key.ListGrantsDenied = true;

        var facts = await scenario.ReadAsync();

        Assert.Null(facts.Key!.Grants);
        Assert.Contains("kms:ListGrants", facts.Key.GrantsGap!.ToString());
    }

    [Fact]
    public async Task a_bucket_in_another_region_is_read_from_its_own_region()
    {
        scenario.Fake.OtherRegions.Add("us-west-2");
        scenario.Cargo.Buckets[VendorScenario.Bucket] = new FakeBucket(VendorScenario.Bucket, "us-west-2") { Policy = """{"Version":"2012-10-17","Statement":[]}""" };

        var facts = await scenario.ReadAsync();

        Assert.Equal("us-west-2", facts.BucketRegion);
        Assert.NotNull(facts.BucketPolicy);
        Assert.Null(facts.BucketPolicyGap);
        Assert.Contains(scenario.Fake.Requests, r => r.Operation == "GetBucketPolicy" && r.SigningRegion == "us-west-2");
    }
}
