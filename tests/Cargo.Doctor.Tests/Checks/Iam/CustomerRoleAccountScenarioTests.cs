using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Checks.Iam;

/// <summary>
/// Issue 20 item 6: IAM looks a role name up in the caller's own account
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html). Credentials of another account than
/// --role-arn's say nothing about the customer's role: never "does not exist" with a create-role fix, never a pass.
/// </summary>
[Trait("Category", "Aws")]
public sealed class CustomerRoleAccountScenarioTests : IDisposable
{
    private const string OtherAccount = "444455556666";
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    /// <summary>The run with credentials of another account: the fake answers GetCallerIdentity for them.</summary>
    private async Task<CheckResult> CheckWithOtherAccountAsync()
    {
        var other = new FakeCaller("AKIAOTHERACCOUNT0001", "other-account-secret", OtherAccount, $"arn:aws:iam::{OtherAccount}:user/support", "AIDAOTHERACCOUNT");
        fake.AddCaller(other);
        var options = fake.ClientOptions() with { Credentials = new Amazon.Runtime.BasicAWSCredentials(other.AccessKey, other.SecretKey) };
        var facts = await new Cargo.Doctor.Sources.FactsCollector(AwsScenario.Provisioned(), null, options, FakeDns.Public.ResolveAsync)
            .CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        return new CheckResult(facts, AwsScenario.Run(facts), 0);
    }

    [Fact]
    public async Task credentials_of_another_account_make_the_role_checks_unknown_naming_both_accounts()
    {
        fake.AllGoodProvisioned()
            .Respond("GetRole", GetRole(CustomerRoleName, $"arn:aws:iam::{OtherAccount}:role/{CustomerRoleName}", RedshiftServiceTrustPolicy()));

        var result = await CheckWithOtherAccountAsync();

        foreach (var id in new[] { TrustPolicyRule.Id, AssumeCargoRoleRule.Id })
        {
            Assert.Equal(CheckStatus.Unknown, result[id].Status);
            Assert.Contains("123456789012", result[id].Text());
            Assert.Contains(OtherAccount, result[id].Text());
            Assert.Contains("--profile", result[id].Text());
        }

        // The cluster lists the role --role-arn names: attached, whatever account the reads used.
        Assert.Equal(CheckStatus.Pass, result[RoleAttachedRule.Id].Status);
    }

    [Fact]
    public async Task a_role_missing_in_the_callers_other_account_is_not_said_to_be_missing()
    {
        fake.AllGoodProvisioned()
            .Respond("GetRole", QueryError(404, "NoSuchEntity", $"The role with name {CustomerRoleName} cannot be found."));

        var trust = (await CheckWithOtherAccountAsync())[TrustPolicyRule.Id];

        Assert.Equal(CheckStatus.Unknown, trust.Status);
        Assert.DoesNotContain("create-role", trust.Sh());
        Assert.Empty(trust.Remediation);
    }

    [Fact]
    public async Task the_callers_own_account_gives_the_verdicts_as_before()
    {
        fake.AllGoodProvisioned();

        var result = await fake.CheckAsync(AwsScenario.Provisioned());

        Assert.Equal("123456789012", result.Facts.Aws!.CallerAccountId);
        Assert.Equal(CheckStatus.Pass, result[TrustPolicyRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[AssumeCargoRoleRule.Id].Status);
    }
}
