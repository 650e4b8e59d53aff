using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Vendor;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Checks.Vendor;

/// <summary>
/// Issue 25: with SSE-KMS, Cargo's role needs kms:GenerateDataKey and kms:Decrypt from the key policy, its IAM
/// policies or a grant (https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html).
/// </summary>
[Trait("Category", "Aws")]
public sealed class BucketKeyScenarioTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    /// <summary>A key policy for another principal only: nothing lets Cargo's role in but a grant.</summary>
    private static string AdminOnlyKeyPolicy() => $$$$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{CargoAccountId}}}}:role/key-admin"},"Action":"kms:*","Resource":"*"}]}
        """;

    [Fact]
    public async Task a_key_whose_policy_enables_iam_and_a_role_policy_allowing_it_passes()
    {
        Assert.Equal(CheckStatus.Pass, (await scenario.VendorAsync())[BucketKeyRule.Id].Status);
    }

    [Fact]
    public async Task a_key_without_a_grant_or_policy_for_the_role_fails_with_an_added_grant()
    {
        scenario.Key.Policy = AdminOnlyKeyPolicy();

        var result = await scenario.VendorAsync();
        var finding = result[BucketKeyRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("kms:GenerateDataKey", finding.Summary);
        Assert.Contains($"aws kms create-grant --region 'eu-west-1' --key-id '{scenario.KeyArn}' --grantee-principal '{CargoRoleArn}' --operations GenerateDataKey Decrypt", finding.Sh());
        Assert.Equal(CheckStatus.Pass, result[BucketAccessRule.Id].Status);
    }

    [Fact]
    public async Task a_grant_to_the_role_passes()
    {
        scenario.Key.Policy = AdminOnlyKeyPolicy();
        scenario.Key.Grants.Add(new FakeKmsGrant("grant-1", CargoRoleArn, ["GenerateDataKey", "Decrypt"]));

        Assert.Equal(CheckStatus.Pass, (await scenario.VendorAsync())[BucketKeyRule.Id].Status);
    }

    [Fact]
    public async Task grants_that_cannot_be_listed_make_a_missing_permission_unknown_not_fail()
    {
        scenario.Key.Policy = AdminOnlyKeyPolicy();
        scenario.Key.ListGrantsDenied = true;

        var finding = (await scenario.VendorAsync())[BucketKeyRule.Id];

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains("kms:ListGrants", finding.Summary);
    }

    [Fact]
    public async Task a_bucket_encrypted_with_sse_s3_has_no_key_to_check()
    {
        scenario.BucketState.SseAlgorithm = "AES256";
        scenario.BucketState.KmsKeyId = null;

        var result = await scenario.VendorAsync();

        Assert.Equal(CheckStatus.Pass, result[BucketKeyRule.Id].Status);
        Assert.DoesNotContain(scenario.Fake.Requests, r => r.SigningService == "kms");
    }
}
