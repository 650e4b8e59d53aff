namespace Cargo.Doctor.IamPolicies;

/// <summary>One documented condition operator (without ForAnyValue:/ForAllValues: and IfExists).</summary>
/// <param name="IsNegated">True for the "Not" operators, which are true when the key is missing.</param>
/// <param name="Matches">Compares a policy value with a request value; null when we do not compare offline.</param>
public sealed record ConditionOperator(string Name, bool IsNegated, Func<string, string, bool>? Matches);

/// <summary>
/// Every operator of the IAM condition operator reference
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
/// An operator not listed there is not guessed at: <see cref="Find"/> returns null and the outcome is Unknown.
/// </summary>
public static class ConditionOperators
{
    public const string Null = "Null";

    private static readonly Func<string, string, bool> StringEquals = (p, v) => string.Equals(p, v, StringComparison.Ordinal);
    private static readonly Func<string, string, bool> StringEqualsIgnoreCase = (p, v) => string.Equals(p, v, StringComparison.OrdinalIgnoreCase);
    private static readonly Func<string, string, bool> StringLike = IamWildcard.MatchesString;

    // ArnEquals and ArnLike behave the same: both accept wildcards per ARN segment.
    private static readonly Func<string, string, bool> ArnLike = IamWildcard.MatchesArn;
    private static readonly Func<string, string, bool> Bool = (p, v) => string.Equals(p, v, StringComparison.OrdinalIgnoreCase);

    private static readonly Dictionary<string, ConditionOperator> All = new ConditionOperator[]
    {
        new("StringEquals", false, StringEquals),
        new("StringNotEquals", true, StringEquals),
        new("StringEqualsIgnoreCase", false, StringEqualsIgnoreCase),
        new("StringNotEqualsIgnoreCase", true, StringEqualsIgnoreCase),
        new("StringLike", false, StringLike),
        new("StringNotLike", true, StringLike),
        new("NumericEquals", false, null),
        new("NumericNotEquals", true, null),
        new("NumericLessThan", false, null),
        new("NumericLessThanEquals", false, null),
        new("NumericGreaterThan", false, null),
        new("NumericGreaterThanEquals", false, null),
        new("DateEquals", false, null),
        new("DateNotEquals", true, null),
        new("DateLessThan", false, null),
        new("DateLessThanEquals", false, null),
        new("DateGreaterThan", false, null),
        new("DateGreaterThanEquals", false, null),
        new("Bool", false, Bool),
        new("BinaryEquals", false, null),
        new("IpAddress", false, null),
        new("NotIpAddress", true, null),
        new("ArnEquals", false, ArnLike),
        new("ArnLike", false, ArnLike),
        new("ArnNotEquals", true, ArnLike),
        new("ArnNotLike", true, ArnLike),
        new(Null, false, null),
    }.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);

    public static ConditionOperator? Find(string baseOperator) => All.GetValueOrDefault(baseOperator);
}
