using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Reports;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Checks.Iam;

/// <summary>
/// iam.assume-cargo-role against the loopback fake AWS and the --aws-evidence folder: conditional Denies
/// (issue 8 item 5), the simulator across accounts (item 9) and simulator answers about another resource
/// (issue 13 item 5).
/// </summary>
[Trait("Category", "Aws")]
public sealed class AssumeCargoRoleScenarioTests : IDisposable
{
    private const string CheckId = AssumeCargoRoleRule.Id;
    private const string OtherCargoRoleArn = "arn:aws:iam::210987654321:role/not-the-cargo-role";

    private readonly FakeAwsEndpoint fake = new();
    private readonly string evidence = Path.Combine(Path.GetTempPath(), "cargo-doctor-assume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        fake.Dispose();
        if (Directory.Exists(evidence))
        {
            Directory.Delete(evidence, recursive: true);
        }
    }

    [Fact]
    public async Task deny_outside_own_account_fails_because_cargos_role_is_in_another_account()
    {
        // The simulator, given no request context, allows it; Cargo's role ARN says the Deny applies.
        fake.AllGoodProvisioned().PerimeterStatement(
            """{"Sid":"OwnAccountOnly","Effect":"Deny","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceAccount":"123456789012"}}}""");

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains("Denied explicitly by inline policy \"perimeter\" statement \"OwnAccountOnly\"", assume.Summary);
        Assert.Contains("aws:ResourceAccount is 210987654321", assume.Summary);
        Assert.Contains(assume.Remediation, r => r.Key == "remove-deny");
    }

    [Fact]
    public async Task an_unreadable_policy_without_the_simulator_is_unknown_not_a_pass()
    {
        // Found in review: the readable managed policy allows it, but the inline policy that could hold
        // the winning Deny is unreadable and the simulator is not allowed either.
        fake.AllGoodProvisioned()
            .Respond("ListRolePolicies", ListRolePolicies(null, "perimeter"))
            .Respond("GetRolePolicy", QueryAccessDenied("iam:GetRolePolicy"))
            .Respond("SimulatePrincipalPolicy", QueryAccessDenied("iam:SimulatePrincipalPolicy"));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Unknown, assume.Status);
        Assert.Contains("some could not be read and may deny it", assume.Summary);
    }

    [Fact]
    public async Task deny_on_a_condition_the_doctor_cannot_decide_warns_instead_of_passing()
    {
        fake.AllGoodProvisioned().PerimeterStatement(
            """{"Sid":"OrgResourcesOnly","Effect":"Deny","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceOrgID":"o-a1b2c3d4e5"}}}""");

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Warn, assume.Status);
        Assert.Contains("unless inline policy \"perimeter\" statement \"OrgResourcesOnly\" denies it (condition aws:ResourceOrgID)", assume.Summary);
        Assert.Contains("IAM policy simulator: allowed (matched cargo-assume)", assume.Details);
        Assert.Contains(assume.Remediation, r => r.Key == "review-deny");
    }

    [Fact]
    public async Task deny_that_excludes_cargos_account_passes()
    {
        fake.AllGoodProvisioned().PerimeterStatement(
            """{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceAccount":["123456789012","210987654321"]}}}""");

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Pass, assume.Status);
    }

    [Fact]
    public async Task simulator_implicit_deny_across_accounts_warns_and_shows_both_answers()
    {
        fake.AllGoodProvisioned()
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "implicitDeny")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Warn, assume.Status);
        Assert.Contains("offline evaluation: allowed: Allowed by policy \"cargo-assume\" statement 1", assume.Details);
        Assert.Contains("IAM policy simulator: implicitDeny", assume.Details);
        Assert.Contains(assume.Details, d => d.StartsWith($"the simulator cannot see {CargoRoleArn} in account 210987654321", StringComparison.Ordinal));
    }

    [Fact]
    public async Task simulator_implicit_deny_in_the_same_account_still_fails()
    {
        const string sameAccountCargo = "arn:aws:iam::123456789012:role/cargo-data-loader";
        fake.AllGoodProvisioned()
            .Respond("GetPolicyVersion", GetPolicyVersion($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{sameAccountCargo}}"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", sameAccountCargo, "implicitDeny")));
        var config = AwsScenario.Provisioned();

        var assume = (await fake.CheckAsync(config with { Cargo = config.Cargo with { RoleArn = sameAccountCargo } }))[CheckId];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains("denied by the IAM policy simulator", assume.Summary);
    }

    [Fact]
    public async Task simulator_answer_for_another_resource_is_ignored_with_a_note()
    {
        // The policy allows only CargoRoleArn; the simulator's answer is about CargoRoleArn, not the role asked for.
        fake.AllGoodProvisioned();
        var config = AwsScenario.Provisioned();

        var assume = (await fake.CheckAsync(config with { Cargo = config.Cargo with { RoleArn = OtherCargoRoleArn } }))[CheckId];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains($"No statement allows sts:AssumeRole on {OtherCargoRoleArn}", assume.Summary);
        Assert.Contains(
            $"IAM policy simulator: ignored: its answer (allowed) is for sts:AssumeRole on {CargoRoleArn}, not sts:AssumeRole on {OtherCargoRoleArn}",
            assume.Details);
    }

    [Fact]
    public async Task simulator_answer_for_another_action_is_ignored()
    {
        fake.AllGoodProvisioned()
            .Respond("GetPolicyVersion", GetPolicyVersion("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:TagSession", CargoRoleArn, "allowed")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains(assume.Details, d => d.StartsWith("IAM policy simulator: ignored: its answer (allowed) is for sts:TagSession", StringComparison.Ordinal));
    }

    [Fact]
    public async Task simulator_allowed_alone_is_no_pass()
    {
        // Issue 20 item 5: the simulator "doesn't evaluate SCPs that have global conditions" and does not simulate
        // cross-account access (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_testing-policies.html):
        // when the role's documents allow nothing, its "allowed" is no proof.
        fake.AllGoodProvisioned()
            .Respond("GetPolicyVersion", GetPolicyVersion("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "allowed")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[CheckId];

        Assert.Equal(CheckStatus.Unknown, assume.Status);
        Assert.Contains("IAM policy simulator: allowed", string.Join("\n", assume.Details));
    }

    [Fact]
    public async Task evidence_simulation_for_another_resource_does_not_pass_any_cargo_role_arn()
    {
        // samples/aws-evidence/simulate-principal-policy.json allows sts:AssumeRole on CargoRoleArn only.
        var result = await CheckEvidenceAsync(OtherCargoRoleArn);

        var assume = result[CheckId];
        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains(assume.Details, d => d.StartsWith($"IAM policy simulator: ignored: its answer (allowed) is for sts:AssumeRole on {CargoRoleArn}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task evidence_simulation_for_cargos_role_still_counts()
    {
        var assume = (await CheckEvidenceAsync(CargoRoleArn))[CheckId];

        Assert.Equal(CheckStatus.Pass, assume.Status);
        Assert.Contains("IAM policy simulator: allowed (matched cargo-assume)", assume.Details);
    }

    [Fact]
    public async Task evidence_with_several_results_uses_the_one_for_cargos_role()
    {
        CopySamples();
        File.WriteAllText(Path.Combine(evidence, "simulate-principal-policy.json"), $$"""
            {"EvaluationResults":[
              {"EvalActionName":"sts:AssumeRole","EvalResourceName":"{{OtherCargoRoleArn}}","EvalDecision":"implicitDeny","MatchedStatements":[],"MissingContextValues":[]},
              {"EvalActionName":"sts:AssumeRole","EvalResourceName":"{{CargoRoleArn}}","EvalDecision":"allowed","MatchedStatements":[{"SourcePolicyId":"cargo-assume"}],"MissingContextValues":[]}]}
            """);

        var assume = (await CheckEvidenceAsync(CargoRoleArn))[CheckId];

        Assert.Equal(CheckStatus.Pass, assume.Status);
        Assert.Contains("IAM policy simulator: allowed (matched cargo-assume)", assume.Details);
    }

    private void CopySamples()
    {
        if (Directory.Exists(evidence))
        {
            return;
        }

        Directory.CreateDirectory(evidence);
        foreach (var file in Directory.GetFiles(Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "aws-evidence")))
        {
            File.Copy(file, Path.Combine(evidence, Path.GetFileName(file)));
        }
    }

    private async Task<CheckResult> CheckEvidenceAsync(string cargoRoleArn)
    {
        CopySamples();

        var config = new DoctorConfig
        {
            Aws = new AwsConfig { EvidenceDir = evidence, ClusterIdentifier = ClusterId, RoleArn = CustomerRoleArn },
            Cargo = new CargoConfig { Ips = [CargoIpCidr], RoleArn = cargoRoleArn },
        };
        var facts = await new FactsCollector(config, null).CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        return new CheckResult(facts, AwsScenario.Run(facts), 0);
    }

    [Fact]
    public async Task policy_without_assume_role_fails_with_put_role_policy()
    {
        fake.AllGoodProvisioned()
            .Respond("GetPolicyVersion", GetPolicyVersion("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "implicitDeny")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[AssumeCargoRoleRule.Id];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains($"may not assume {CargoRoleArn}", assume.Summary);
        Assert.Contains("offline evaluation: implicit deny: No statement allows sts:AssumeRole", assume.Text());
        Assert.Contains("IAM policy simulator: implicitDeny", assume.Details);
        Assert.Contains("\n  aws iam put-role-policy --role-name 'cargo-redshift-access' --policy-name 'cargo-assume-role' --policy-document '{", assume.Sh());
        Assert.Contains($"\"Resource\": \"{CargoRoleArn}\"", assume.Sh());
    }

    [Fact]
    public async Task policy_for_another_role_arn_fails()
    {
        fake.AllGoodProvisioned()
            .Respond("GetPolicyVersion", GetPolicyVersion("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::210987654321:role/someone-else"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "implicitDeny")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[AssumeCargoRoleRule.Id];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains("No statement allows sts:AssumeRole on " + CargoRoleArn, assume.Text());
    }

    [Fact]
    public async Task explicit_deny_in_an_inline_policy_fails_naming_it()
    {
        fake.AllGoodProvisioned()
            .Respond("ListRolePolicies", ListRolePolicies(null, "lockdown"))
            .Respond("GetRolePolicy", GetRolePolicy(CustomerRoleName, "lockdown",
                """{"Version":"2012-10-17","Statement":[{"Sid":"NoChaining","Effect":"Deny","Action":"sts:*","Resource":"*"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "explicitDeny")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))[AssumeCargoRoleRule.Id];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains("Denied explicitly by inline policy \"lockdown\" statement \"NoChaining\"", assume.Summary);
        var removeDeny = Assert.Single(assume.Remediation, r => r.Key == "remove-deny");
        Assert.Contains("inline policy \"lockdown\" statement \"NoChaining\" denies `sts:AssumeRole` on " + CargoRoleArn, removeDeny.Text);
    }
}
