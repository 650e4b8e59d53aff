namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// One key test of a Condition block, e.g. <c>"StringEquals": { "sts:ExternalId": ["a", "b"] }</c>.
/// Keys of one block are ANDed, values of one key are ORed.
/// </summary>
/// <param name="Operator">The operator as written, e.g. <c>ForAnyValue:StringLikeIfExists</c>.</param>
/// <param name="BaseOperator">The operator without qualifier and without <c>IfExists</c>, e.g. <c>StringLike</c>.</param>
public sealed record PolicyCondition(
    string Operator,
    string BaseOperator,
    ConditionSetQualifier SetQualifier,
    bool IfExists,
    string Key,
    IReadOnlyList<string> Values)
{
    public static PolicyCondition Create(string @operator, string key, IReadOnlyList<string> values)
    {
        var rest = @operator;
        var qualifier = ConditionSetQualifier.None;
        if (rest.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            qualifier = ConditionSetQualifier.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            qualifier = ConditionSetQualifier.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }

        // "Null" never takes the IfExists suffix; every other operator may.
        var ifExists = rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase) && rest.Length > "IfExists".Length;
        if (ifExists)
        {
            rest = rest[..^"IfExists".Length];
        }

        return new PolicyCondition(@operator, rest, qualifier, ifExists, key, values);
    }

    public override string ToString() => $"{Operator} {Key}";
}
