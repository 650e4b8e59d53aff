using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

/// <summary>
/// iam.assume-cargo-role offline evaluation: a Deny with a condition is decided from what the ARNs tell
/// (Cargo's role is in Cargo's account), and stays a possible deny otherwise (issue 8 item 5).
/// </summary>
[Trait("Category", "Unit")]
public class IdentityPolicyDenyConditionTests
{
    private const string CustomerRole = "arn:aws:iam::111122223333:role/cargo-redshift-access";
    private const string CargoRole = "arn:aws:iam::444455556666:role/cargo-data-loader";

    private const string Allow = $$"""{"Sid":"Chain","Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{CargoRole}}"}""";

    private static IdentityPolicyVerdict Evaluate(string denyCondition, string effect = "Deny")
    {
        var statement = $$"""{"Sid":"Perimeter","Effect":"{{effect}}","Action":"sts:AssumeRole","Resource":"*","Condition":{{denyCondition}}}""";
        var policies = effect == "Deny"
            ? new[] { Doc(Allow), Doc(statement) }
            : new[] { Doc(statement) };
        return IdentityPolicyEvaluator.EvaluateAssumeRole(
            policies.Select((d, i) => NamedPolicy.Inline($"p{i + 1}", PolicyDocument.Parse(d))).ToList(), null, CargoRole, CustomerRole);
    }

    private static string Doc(string statement) => $$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""";

    [Fact]
    public void Deny_outside_own_account_fails_for_cargos_cross_account_role()
    {
        var verdict = Evaluate("""{"StringNotEquals":{"aws:ResourceAccount":"111122223333"}}""");

        Assert.Equal(PolicyDecision.ExplicitDeny, verdict.Decision);
        Assert.Equal("Perimeter", Assert.Single(verdict.DecidingStatements).Sid);
        Assert.Contains("aws:ResourceAccount is 444455556666", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deny_outside_own_account_with_a_policy_variable_is_resolved()
    {
        var verdict = Evaluate("""{"StringNotEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}""");

        Assert.Equal(PolicyDecision.ExplicitDeny, verdict.Decision);
    }

    [Fact]
    public void Deny_that_excludes_cargos_account_does_not_apply()
    {
        var verdict = Evaluate("""{"StringNotEquals":{"aws:ResourceAccount":["111122223333","444455556666"]}}""");

        Assert.Equal(PolicyDecision.Allowed, verdict.Decision);
        Assert.False(verdict.MayBeDenied);
    }

    [Theory]
    [InlineData("""{"StringNotEquals":{"aws:ResourceOrgID":"o-a1b2c3d4e5"}}""")]
    [InlineData("""{"StringNotEquals":{"aws:ResourceOrgID":"${aws:PrincipalOrgID}"}}""")]
    [InlineData("""{"StringEquals":{"aws:ResourceAccount":"${aws:SomethingUnknown}"}}""")]
    public void Deny_on_what_the_arns_do_not_tell_stays_a_possible_deny(string condition)
    {
        var verdict = Evaluate(condition);

        Assert.Equal(PolicyDecision.Allowed, verdict.Decision);
        Assert.True(verdict.MayBeDenied);
        Assert.Equal("Perimeter", Assert.Single(verdict.PossibleDenies).Sid);
    }

    [Fact]
    public void Deny_naming_the_customer_role_as_principal_applies()
    {
        var verdict = Evaluate($$$"""{"ArnEquals":{"aws:PrincipalArn":"{{{CustomerRole}}}"}}""");

        Assert.Equal(PolicyDecision.ExplicitDeny, verdict.Decision);
    }

    [Fact]
    public void Allow_conditioned_on_cargos_account_is_a_firm_allow()
    {
        var verdict = Evaluate("""{"StringEquals":{"aws:ResourceAccount":"444455556666"}}""", effect: "Allow");

        Assert.Equal(PolicyDecision.Allowed, verdict.Decision);
    }

    [Fact]
    public void Allow_conditioned_on_another_account_allows_nothing()
    {
        var verdict = Evaluate("""{"StringEquals":{"aws:ResourceAccount":"111122223333"}}""", effect: "Allow");

        Assert.Equal(PolicyDecision.ImplicitDeny, verdict.Decision);
    }
}
