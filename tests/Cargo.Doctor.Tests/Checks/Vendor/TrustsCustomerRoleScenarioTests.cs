using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Vendor;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Checks.Vendor;

/// <summary>
/// Issue 25: Cargo's role must trust the customer's role, the chain's second hop
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html#authorizing-redshift-service-chaining-roles),
/// by the role's ARN or by its account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
/// </summary>
[Trait("Category", "Aws")]
public sealed class TrustsCustomerRoleScenarioTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task a_trust_naming_the_customer_role_passes()
    {
        var result = await scenario.VendorAsync();

        Assert.Equal(CheckStatus.Pass, result[TrustsCustomerRoleRule.Id].Status);
    }

    [Fact]
    public async Task a_trust_naming_another_role_fails_with_a_merge_that_keeps_the_other_role()
    {
        const string other = "arn:aws:iam::123456789012:role/someone-else";
        scenario.CargoRole.TrustPolicy = VendorScenario.TrustOf(other);

        var finding = (await scenario.VendorAsync())[TrustsCustomerRoleRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("does not trust the customer's role", finding.Summary);
        var sh = finding.Sh();
        Assert.Contains("aws iam update-assume-role-policy --role-name 'cargo-data-loader'", sh);
        Assert.Contains(other, sh);
        Assert.Contains(CustomerRoleArn, sh);
        Assert.Contains("trust_unchanged=$(aws iam get-role", sh);
    }

    [Fact]
    public async Task a_trust_of_the_customer_account_passes_and_says_the_customer_role_must_allow_it()
    {
        scenario.CargoRole.TrustPolicy = VendorScenario.TrustOf($"arn:aws:iam::{AccountId}:root");

        var finding = (await scenario.VendorAsync())[TrustsCustomerRoleRule.Id];

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("iam.assume-cargo-role", finding.Text());
    }

    [Fact]
    public async Task a_trust_of_the_customer_account_with_a_condition_naming_another_role_fails()
    {
        scenario.CargoRole.TrustPolicy = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{AccountId}}}}:root"},"Action":"sts:AssumeRole",
              "Condition":{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::{{{{AccountId}}}}:role/someone-else"}}}]}
            """;

        var finding = (await scenario.VendorAsync())[TrustsCustomerRoleRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("aws iam update-assume-role-policy", finding.Sh());
    }

    [Fact]
    public async Task an_external_id_condition_on_the_chained_hop_is_a_warning()
    {
        scenario.CargoRole.TrustPolicy = TrustPolicyFor(CustomerRoleArn);

        var finding = (await scenario.VendorAsync())[TrustsCustomerRoleRule.Id];

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains("sts:ExternalId", finding.Text());
        Assert.Empty(finding.Sh());
    }

    [Fact]
    public async Task a_missing_cargo_role_fails_with_a_create_role_naming_the_customer_role()
    {
        scenario.Cargo.Roles.Clear();

        var finding = (await scenario.VendorAsync())[TrustsCustomerRoleRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("aws iam create-role --role-name 'cargo-data-loader'", finding.Sh());
        Assert.Contains(CustomerRoleArn, finding.Sh());
    }
}
