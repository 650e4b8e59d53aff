using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Vendor;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Checks.Vendor;

/// <summary>
/// Issue 25: Cargo's role and the bucket policy together allow what UNLOAD and COPY need on the customer's prefix
/// (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-access-permissions.html), under IAM's
/// same-account evaluation (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
/// </summary>
[Trait("Category", "Aws")]
public sealed class BucketAccessScenarioTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task the_role_allowed_on_the_prefix_passes()
    {
        var finding = (await scenario.VendorAsync())[BucketAccessRule.Id];

        Assert.Equal(CheckStatus.Pass, finding.Status);
    }

    [Fact]
    public async Task a_bucket_policy_denying_the_role_fails_with_advice_only()
    {
        scenario.BucketState.Policy = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"NoLoader","Effect":"Deny","Principal":{"AWS":"{{{{CargoRoleArn}}}}"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::cargo-exchange/*"}]}
            """;

        var finding = (await scenario.VendorAsync())[BucketAccessRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("\"NoLoader\"", finding.Summary);
        Assert.Empty(finding.Sh());
        Assert.Contains(finding.Remediation, r => r.Key == "remove-deny");
    }

    [Fact]
    public async Task a_role_limited_to_another_prefix_fails_with_an_added_inline_policy_for_this_prefix()
    {
        scenario.CargoRole.InlinePolicies["cargo-bucket"] = VendorScenario.BucketAccessPolicy("customers/other");

        var finding = (await scenario.VendorAsync())[BucketAccessRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("s3:PutObject, s3:GetObject, s3:ListBucket", finding.Summary);
        var sh = finding.Sh();
        Assert.Contains("aws iam put-role-policy --role-name 'cargo-data-loader'", sh);
        Assert.Contains("--policy-name 'cargo-doctor-bucket-access'", sh);
        Assert.Contains("arn:aws:s3:::cargo-exchange/customers/acme/*", sh);
        Assert.Contains("customers/acme/*", sh);
        Assert.DoesNotContain("customers/other", sh);
    }

    [Fact]
    public async Task a_secure_transport_deny_is_a_warning_not_a_pass()
    {
        scenario.BucketState.Policy = """
            {"Version":"2012-10-17","Statement":[{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::cargo-exchange","arn:aws:s3:::cargo-exchange/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
            """;

        var finding = (await scenario.VendorAsync())[BucketAccessRule.Id];

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains("aws:SecureTransport", finding.Text());
    }
}
