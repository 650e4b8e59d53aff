namespace Cargo.Doctor.Aws.Policies;

/// <summary>
/// Evaluates one condition against one known request value. Only string, ARN, Bool and Null operators are
/// understood; anything else (numeric, date, IP, binary) is <see cref="ConditionOutcome.Unknown"/>.
/// </summary>
public static class ConditionEvaluator
{
    public static ConditionOutcome Evaluate(PolicyCondition condition, RequestKeyValue request)
    {
        if (request.Kind == RequestKeyKind.Unknown)
        {
            return ConditionOutcome.Unknown;
        }

        if (Is(condition.BaseOperator, "Null"))
        {
            var requiresAbsent = condition.Values.Any(v => Is(v, "true"));
            return requiresAbsent == (request.Kind == RequestKeyKind.Absent)
                ? ConditionOutcome.Satisfied
                : ConditionOutcome.NotSatisfied;
        }

        return request.Kind == RequestKeyKind.Absent ? WhenAbsent(condition) : WhenPresent(condition, request.Value!);
    }

    private static ConditionOutcome WhenAbsent(PolicyCondition condition)
    {
        if (condition.IfExists || condition.SetQualifier == ConditionSetQualifier.ForAllValues)
        {
            return ConditionOutcome.Satisfied;
        }

        // How negated operators treat a missing key is not something we want to bet a verdict on.
        return IsNegated(condition.BaseOperator) ? ConditionOutcome.Unknown : ConditionOutcome.NotSatisfied;
    }

    private static ConditionOutcome WhenPresent(PolicyCondition condition, string value)
    {
        Func<string, bool>? matches = condition.BaseOperator switch
        {
            var o when Is(o, "StringEquals") || Is(o, "StringNotEquals") => p => string.Equals(p, value, StringComparison.Ordinal),
            var o when Is(o, "StringEqualsIgnoreCase") || Is(o, "StringNotEqualsIgnoreCase") => p => Is(p, value),
            var o when Is(o, "StringLike") || Is(o, "StringNotLike") => p => IamWildcard.MatchesString(p, value),
            var o when Is(o, "ArnEquals") || Is(o, "ArnLike") || Is(o, "ArnNotEquals") || Is(o, "ArnNotLike") => p => IamWildcard.MatchesArn(p, value),
            var o when Is(o, "Bool") => p => Is(p, value),
            _ => null,
        };
        if (matches is null)
        {
            return ConditionOutcome.Unknown;
        }

        var any = condition.Values.Any(matches);
        return any != IsNegated(condition.BaseOperator) ? ConditionOutcome.Satisfied : ConditionOutcome.NotSatisfied;
    }

    private static bool IsNegated(string baseOperator) =>
        baseOperator.Contains("Not", StringComparison.Ordinal);

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
