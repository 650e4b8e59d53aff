using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

/// <summary>
/// Policy variables in Resource and NotResource (<c>arn:aws:iam::${aws:PrincipalAccount}:role/*</c>) stand for
/// request values (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html, "Where
/// you can use policy variables": the Resource element and condition values). Compared as literal text they
/// never match, which silently drops a Deny: the evaluator resolves what the ARNs tell and says "maybe" otherwise.
/// </summary>
[Trait("Category", "Unit")]
public class IdentityPolicyResourceVariableTests
{
    private const string CustomerRole = "arn:aws:iam::111122223333:role/cargo-redshift-access";
    private const string CargoRole = "arn:aws:iam::444455556666:role/cargo-data-loader";

    private const string Allow = $$"""{"Sid":"Chain","Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{CargoRole}}"}""";

    private static IdentityPolicyVerdict Evaluate(string? customerRole, params string[] statements) =>
        IdentityPolicyEvaluator.EvaluateAssumeRole(
            statements.Select((s, i) => NamedPolicy.Inline($"p{i + 1}", PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{s}}]}"""))).ToList(),
            null, CargoRole, customerRole);

    [Fact]
    public void Deny_on_a_resource_variable_that_resolves_to_cargos_role_applies()
    {
        var verdict = Evaluate(CustomerRole, Allow,
            """{"Sid":"NoCargo","Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::${aws:ResourceAccount}:role/cargo-*"}""");

        Assert.Equal(PolicyDecision.ExplicitDeny, verdict.Decision);
        Assert.Equal("NoCargo", Assert.Single(verdict.DecidingStatements).Sid);
    }

    [Fact]
    public void Deny_on_the_callers_own_account_does_not_cover_cargos_role()
    {
        var verdict = Evaluate(CustomerRole, Allow,
            """{"Sid":"OwnOnly","Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::${aws:PrincipalAccount}:role/*"}""");

        Assert.Equal(PolicyDecision.Allowed, verdict.Decision);
        Assert.False(verdict.MayBeDenied);
    }

    [Fact]
    public void Deny_on_a_variable_the_arns_do_not_tell_is_a_possible_deny()
    {
        var verdict = Evaluate(null, Allow,
            """{"Sid":"Unknowable","Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::${aws:PrincipalAccount}:role/*"}""");

        Assert.Equal(PolicyDecision.Allowed, verdict.Decision);
        Assert.True(verdict.MayBeDenied);
        Assert.Equal("Unknowable", Assert.Single(verdict.PossibleDenies).Sid);
    }

    [Fact]
    public void Deny_with_not_resource_on_a_variable_the_arns_do_not_tell_is_a_possible_deny()
    {
        var verdict = Evaluate(null, Allow,
            """{"Sid":"AllButOwn","Effect":"Deny","Action":"sts:AssumeRole","NotResource":"arn:aws:iam::${aws:PrincipalAccount}:role/*"}""");

        Assert.True(verdict.MayBeDenied);
        Assert.Equal("AllButOwn", Assert.Single(verdict.PossibleDenies).Sid);
    }

    [Fact]
    public void Allow_on_a_variable_the_arns_do_not_tell_is_conditional_not_a_firm_answer()
    {
        var verdict = Evaluate(CustomerRole,
            """{"Sid":"Tagged","Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::444455556666:role/${aws:PrincipalTag/cargo-role}"}""");

        Assert.Equal(PolicyDecision.AllowedWithConditions, verdict.Decision);
        Assert.Contains("Tagged", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("policy variable", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_on_a_variable_that_resolves_to_cargos_account_is_a_firm_allow()
    {
        var verdict = Evaluate(CustomerRole,
            """{"Sid":"ByAccount","Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::${aws:ResourceAccount}:role/cargo-data-loader"}""");

        Assert.Equal(PolicyDecision.Allowed, verdict.Decision);
    }
}
