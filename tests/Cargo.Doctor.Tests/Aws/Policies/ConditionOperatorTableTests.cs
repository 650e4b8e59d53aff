using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

/// <summary>
/// Every IAM condition operator x key present / absent x IfExists x ForAllValues / ForAnyValue, with the
/// outcome the IAM User Guide documents:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
/// </summary>
[Trait("Category", "Unit")]
public class ConditionOperatorTableTests
{
    private const ConditionOutcome T = ConditionOutcome.Satisfied;
    private const ConditionOutcome F = ConditionOutcome.NotSatisfied;
    private const ConditionOutcome U = ConditionOutcome.Unknown;

    /// <summary>
    /// Key absent from the request. Columns: plain, IfExists, ForAllValues:, ForAnyValue:, ForAnyValue:...IfExists.
    /// "If the key ... is not present in the request context, the values do not match and the condition is
    /// false. If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike,
    /// and the right key is not present, the condition is true." IfExists: "If the key is not present, evaluate
    /// the condition element as true." ForAllValues is true and ForAnyValue false when the key is missing.
    /// </summary>
    public static TheoryData<string, ConditionOutcome, ConditionOutcome, ConditionOutcome, ConditionOutcome, ConditionOutcome> Absent => new()
    {
        { "StringEquals", F, T, T, F, T },
        { "StringNotEquals", T, T, T, F, T },
        { "StringEqualsIgnoreCase", F, T, T, F, T },
        { "StringNotEqualsIgnoreCase", T, T, T, F, T },
        { "StringLike", F, T, T, F, T },
        { "StringNotLike", T, T, T, F, T },
        { "NumericEquals", F, T, T, F, T },
        { "NumericNotEquals", T, T, T, F, T },
        { "NumericLessThan", F, T, T, F, T },
        { "NumericLessThanEquals", F, T, T, F, T },
        { "NumericGreaterThan", F, T, T, F, T },
        { "NumericGreaterThanEquals", F, T, T, F, T },
        { "DateEquals", F, T, T, F, T },
        { "DateNotEquals", T, T, T, F, T },
        { "DateLessThan", F, T, T, F, T },
        { "DateLessThanEquals", F, T, T, F, T },
        { "DateGreaterThan", F, T, T, F, T },
        { "DateGreaterThanEquals", F, T, T, F, T },
        { "Bool", F, T, T, F, T },
        { "BinaryEquals", F, T, T, F, T },
        { "IpAddress", F, T, T, F, T },
        { "NotIpAddress", T, T, T, F, T },
        { "ArnEquals", F, T, T, F, T },
        { "ArnLike", F, T, T, F, T },
        { "ArnNotEquals", T, T, T, F, T },
        { "ArnNotLike", T, T, T, F, T },
    };

    [Theory]
    [MemberData(nameof(Absent))]
    public void Missing_key_follows_the_documented_rule(
        string op, ConditionOutcome plain, ConditionOutcome ifExists, ConditionOutcome forAll, ConditionOutcome forAny, ConditionOutcome forAnyIfExists)
    {
        Assert.Equal(plain, OnAbsent(op));
        Assert.Equal(ifExists, OnAbsent(op + "IfExists"));
        Assert.Equal(forAll, OnAbsent("ForAllValues:" + op));
        Assert.Equal(forAny, OnAbsent("ForAnyValue:" + op));
        Assert.Equal(forAnyIfExists, OnAbsent("ForAnyValue:" + op + "IfExists"));
    }

    /// <summary>Key present: matching value, other value. Qualifiers and IfExists change nothing for one value.</summary>
    public static TheoryData<string, string, string, ConditionOutcome, ConditionOutcome> Present => new()
    {
        { "StringEquals", "abc", "abc", T, F },
        { "StringNotEquals", "abc", "abc", F, T },
        { "StringEqualsIgnoreCase", "ABC", "abc", T, F },
        { "StringNotEqualsIgnoreCase", "ABC", "abc", F, T },
        { "StringLike", "a*c", "abbc", T, F },
        { "StringNotLike", "a*c", "abbc", F, T },
        { "ArnEquals", "arn:aws:iam::1:role/r", "arn:aws:iam::1:role/r", T, F },
        { "ArnLike", "arn:aws:iam::*:role/r", "arn:aws:iam::1:role/r", T, F },
        { "ArnNotEquals", "arn:aws:iam::1:role/r", "arn:aws:iam::1:role/r", F, T },
        { "ArnNotLike", "arn:aws:iam::*:role/r", "arn:aws:iam::1:role/r", F, T },
        { "Bool", "true", "true", T, F },
    };

    [Theory]
    [MemberData(nameof(Present))]
    public void Present_key_is_compared(string op, string policyValue, string matching, ConditionOutcome onMatch, ConditionOutcome onOther)
    {
        foreach (var written in new[] { op, op + "IfExists", "ForAllValues:" + op, "ForAnyValue:" + op })
        {
            Assert.Equal(onMatch, Evaluate(written, policyValue, RequestKeyValue.Present(matching)));
            Assert.Equal(onOther, Evaluate(written, policyValue, RequestKeyValue.Present("zzz-other")));
        }
    }

    [Theory]
    [InlineData("NumericLessThan", "10", "5")]
    [InlineData("DateGreaterThan", "2020-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("IpAddress", "203.0.113.0/24", "203.0.113.7")]
    [InlineData("BinaryEquals", "QmluYXJ5", "QmluYXJ5")]
    public void Present_values_of_operators_not_compared_offline_are_unknown(string op, string policyValue, string requestValue) =>
        Assert.Equal(U, Evaluate(op, policyValue, RequestKeyValue.Present(requestValue)));

    [Theory]
    [InlineData("true", T, F)]
    [InlineData("false", F, T)]
    public void Null_checks_presence(string policyValue, ConditionOutcome whenAbsent, ConditionOutcome whenPresent)
    {
        Assert.Equal(whenAbsent, Evaluate("Null", policyValue, RequestKeyValue.Absent));
        Assert.Equal(whenPresent, Evaluate("Null", policyValue, RequestKeyValue.Present("x")));
    }

    [Theory]
    [InlineData("StringEqualz")]
    [InlineData("StringNotEqualz")]
    [InlineData("ForAnyValue:Whatever")]
    public void An_operator_IAM_does_not_document_is_unknown_even_on_a_missing_key(string op) =>
        Assert.Equal(U, OnAbsent(op));

    [Theory]
    [MemberData(nameof(Absent))]
    public void Unknown_request_value_is_unknown_for_every_operator(
        string op, ConditionOutcome plain, ConditionOutcome ifExists, ConditionOutcome forAll, ConditionOutcome forAny, ConditionOutcome forAnyIfExists)
    {
        _ = (plain, ifExists, forAll, forAny, forAnyIfExists);
        Assert.Equal(U, Evaluate(op, "v", RequestKeyValue.Unknown));
        Assert.Equal(U, Evaluate("ForAllValues:" + op + "IfExists", "v", RequestKeyValue.Unknown));
    }

    private static ConditionOutcome OnAbsent(string op) => Evaluate(op, "v", RequestKeyValue.Absent);

    private static ConditionOutcome Evaluate(string op, string policyValue, RequestKeyValue request) =>
        ConditionEvaluator.Evaluate(PolicyCondition.Create(op, "k", [policyValue]), request);
}
