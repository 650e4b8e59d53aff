using System.Text.Json;
using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

[Trait("Category", "Unit")]
public class RemediationPoliciesTests
{
    [Fact]
    public void Permission_policy_is_the_documented_cross_account_policy()
    {
        var json = RemediationPolicies.CargoPermissionPolicy("arn:aws:iam::444455556666:role/cargo-acme");

        using var document = JsonDocument.Parse(json);
        var statement = Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray().ToList());
        Assert.Equal("2012-10-17", document.RootElement.GetProperty("Version").GetString());
        Assert.Equal("CrossAccountPolicy", statement.GetProperty("Sid").GetString());
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
        Assert.Equal("arn:aws:iam::444455556666:role/cargo-acme", statement.GetProperty("Resource").GetString());
    }

    [Theory]
    [InlineData("arn:aws:iam::444455556666:role/path/cargo+acme=1,x.y@z-_")]
    [InlineData("arn:aws:iam::444455556666:role/we\"ird\\name")]
    public void Permission_policy_escapes_the_arn_and_allows_exactly_it(string cargoRoleArn)
    {
        var json = RemediationPolicies.CargoPermissionPolicy(cargoRoleArn);

        var verdict = IdentityPolicyEvaluator.EvaluateAssumeRole(
            [NamedPolicy.Managed("fix", PolicyDocument.Parse(json))], null, cargoRoleArn);

        Assert.Equal(PolicyDecision.Allowed, verdict.Decision);
        Assert.Equal(cargoRoleArn, Assert.Single(PolicyDocument.Parse(json).Statements).Resource![0]);
    }

    [Fact]
    public void Relaxed_escaping_keeps_plus_and_equals_readable()
    {
        var json = RemediationPolicies.CargoPermissionPolicy("arn:aws:iam::444455556666:role/a+b=c");

        Assert.Contains("role/a+b=c", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, new[] { "redshift.amazonaws.com" })]
    [InlineData(true, new[] { "redshift.amazonaws.com", "redshift-serverless.amazonaws.com" })]
    public void Trust_policy_names_the_redshift_service_principals(bool serverless, string[] expected)
    {
        var statement = Assert.Single(PolicyDocument.Parse(RemediationPolicies.RedshiftTrustPolicy(serverless)).Statements);

        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.Equal(expected, statement.Principal!.Services);
        Assert.Equal(["sts:AssumeRole"], statement.Action);
    }
}
