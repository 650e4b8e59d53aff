using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Checks.Iam;

/// <summary>iam.trust-policy against the loopback fake AWS: the trust policies a support engineer meets.</summary>
[Trait("Category", "Aws")]
public sealed class TrustPolicyScenarioTests : IDisposable
{
    private const string CheckId = TrustPolicyRule.Id;
    private const string Redshift = """{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}""";
    private const string RedshiftServerless = """{"Effect":"Allow","Principal":{"Service":"redshift-serverless.amazonaws.com"},"Action":"sts:AssumeRole"}""";
    private const string Both = """{"Effect":"Allow","Principal":{"Service":["redshift.amazonaws.com","redshift-serverless.amazonaws.com"]},"Action":"sts:AssumeRole"}""";

    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    private static string Trust(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    [Fact]
    public async Task org_only_deny_on_any_principal_blocks_redshift_and_fails()
    {
        // StringNotEquals on a key the Redshift service never carries is true, so the Deny applies (issue 8 item 6).
        fake.AllGoodProvisioned().TrustPolicyIs(Trust(Both,
            """{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}"""));

        var trust = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Fail, trust.Status);
        Assert.Contains("Trust statement \"OrgOnly\" explicitly denies sts:AssumeRole to redshift.amazonaws.com", trust.Summary);
    }

    [Fact]
    public async Task org_only_deny_that_spares_aws_services_passes()
    {
        fake.AllGoodProvisioned().TrustPolicyIs(Trust(Both,
            """{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}"""));

        var trust = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Pass, trust.Status);
    }

    [Fact]
    public async Task serverless_trust_without_redshift_principal_fails()
    {
        fake.AllGoodServerless().TrustPolicyIs(Trust(RedshiftServerless));

        var trust = (await fake.CheckAsync(AwsScenario.Serverless()))[CheckId];

        Assert.Equal(CheckStatus.Fail, trust.Status);
        Assert.Contains("does not allow redshift.amazonaws.com", trust.Summary);
        Assert.Contains(trust.Details, d => d.StartsWith("redshift-serverless.amazonaws.com: pass", StringComparison.Ordinal));
    }

    [Fact]
    public async Task serverless_trust_without_redshift_serverless_principal_fails()
    {
        fake.AllGoodServerless().TrustPolicyIs(Trust(Redshift));

        var trust = (await fake.CheckAsync(AwsScenario.Serverless()))[CheckId];

        Assert.Equal(CheckStatus.Fail, trust.Status);
        Assert.Contains("does not allow redshift-serverless.amazonaws.com", trust.Summary);
    }

    [Fact]
    public async Task serverless_trust_with_both_principals_in_two_statements_passes()
    {
        fake.AllGoodServerless().TrustPolicyIs(Trust(Redshift, RedshiftServerless));

        var trust = (await fake.CheckAsync(AwsScenario.Serverless()))[CheckId];

        Assert.Equal(CheckStatus.Pass, trust.Status);
    }

    [Fact]
    public async Task provisioned_needs_only_the_redshift_principal()
    {
        fake.AllGoodProvisioned().TrustPolicyIs(Trust(Redshift));

        var trust = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Pass, trust.Status);
        Assert.Equal("role cargo-redshift-access trusts redshift.amazonaws.com", trust.Summary);
    }

    [Fact]
    public async Task trust_with_the_wrong_principal_fails_with_a_guarded_merge_keeping_the_other_statement()
    {
        fake.AllGoodProvisioned().Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));

        var trust = (await fake.CheckAsync(AwsScenario.Provisioned()))[TrustPolicyRule.Id];

        Assert.Equal(CheckStatus.Fail, trust.Status);
        Assert.Contains("does not allow redshift.amazonaws.com", trust.Summary);
        Assert.StartsWith("trust_unchanged=$(aws iam get-role --role-name 'cargo-redshift-access' --query '[Role.AssumeRolePolicyDocument, `", trust.Sh());
        Assert.Contains("\naws iam update-assume-role-policy --role-name 'cargo-redshift-access' --policy-document '{", trust.Sh());
        Assert.Contains("\"Service\": \"redshift.amazonaws.com\"", trust.Sh());
        Assert.Contains("\"Service\": \"ec2.amazonaws.com\"", trust.Sh()[trust.Sh().IndexOf("update-assume-role-policy", StringComparison.Ordinal)..]);
        Assert.Contains(trust.Remediation, r => r.Kind == "json" && r.Text.Contains("sts:AssumeRole", StringComparison.Ordinal));
    }

    [Fact]
    public async Task serverless_trust_with_only_the_redshift_principal_prints_the_fix_for_both()
    {
        fake.AllGoodServerless().Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));

        var trust = (await fake.CheckAsync(AwsScenario.Serverless()))[TrustPolicyRule.Id];

        Assert.Equal(CheckStatus.Fail, trust.Status);
        Assert.Contains("redshift-serverless.amazonaws.com", trust.Summary);
        Assert.Contains("redshift.amazonaws.com: pass", trust.Details[0]);
        Assert.Contains("\"redshift-serverless.amazonaws.com\"", trust.Sh());
    }
}
