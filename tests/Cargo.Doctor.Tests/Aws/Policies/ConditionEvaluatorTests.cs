using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

[Trait("Category", "Unit")]
public class ConditionEvaluatorTests
{
    [Theory]
    [InlineData("StringEquals", "abc", "abc", ConditionOutcome.Satisfied)]
    [InlineData("StringEquals", "ABC", "abc", ConditionOutcome.NotSatisfied)]
    [InlineData("StringEqualsIgnoreCase", "ABC", "abc", ConditionOutcome.Satisfied)]
    [InlineData("StringNotEquals", "abc", "abc", ConditionOutcome.NotSatisfied)]
    [InlineData("StringLike", "a*c", "abbbc", ConditionOutcome.Satisfied)]
    [InlineData("StringNotLike", "a*c", "abbbc", ConditionOutcome.NotSatisfied)]
    [InlineData("ArnLike", "arn:aws:redshift:*:1:dbuser:c/*", "arn:aws:redshift:us-east-1:1:dbuser:c/u", ConditionOutcome.Satisfied)]
    [InlineData("ForAnyValue:StringEqualsIfExists", "abc", "abc", ConditionOutcome.Satisfied)]
    [InlineData("NumericEquals", "1", "1", ConditionOutcome.Unknown)]
    [InlineData("Null", "false", "abc", ConditionOutcome.Satisfied)]
    [InlineData("Null", "true", "abc", ConditionOutcome.NotSatisfied)]
    public void Evaluates_a_present_value(string op, string policyValue, string requestValue, ConditionOutcome expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(PolicyCondition.Create(op, "k", [policyValue]), RequestKeyValue.Present(requestValue)));

    [Theory]
    [InlineData("Bool", ConditionOutcome.NotSatisfied)]
    [InlineData("BoolIfExists", ConditionOutcome.Satisfied)]
    [InlineData("ForAllValues:StringEquals", ConditionOutcome.Satisfied)]
    [InlineData("StringNotEquals", ConditionOutcome.Satisfied)]
    public void Evaluates_an_absent_key(string op, ConditionOutcome expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(PolicyCondition.Create(op, "k", ["true"]), RequestKeyValue.Absent));

    [Fact]
    public void Unknown_request_value_is_unknown() =>
        Assert.Equal(ConditionOutcome.Unknown,
            ConditionEvaluator.Evaluate(PolicyCondition.Create("StringEquals", "k", ["v"]), RequestKeyValue.Unknown));
}
