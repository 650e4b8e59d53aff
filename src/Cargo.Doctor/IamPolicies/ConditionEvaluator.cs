namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// Evaluates one condition against what is known of one request key, as the IAM User Guide documents it:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// and, for ForAllValues / ForAnyValue,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
/// A missing key is decided for every documented operator; a present value only for string, ARN and Bool
/// operators (numeric, date, IP and binary values are never known offline, so those are Unknown).
/// </summary>
public static class ConditionEvaluator
{
    public static ConditionOutcome Evaluate(PolicyCondition condition, RequestKeyValue request)
    {
        if (request.Kind == RequestKeyKind.Unknown || ConditionOperators.Find(condition.BaseOperator) is not { } op)
        {
            return ConditionOutcome.Unknown;
        }

        if (op.Name == ConditionOperators.Null)
        {
            var requiresAbsent = condition.Values.Any(v => Is(v, "true"));
            return requiresAbsent == (request.Kind == RequestKeyKind.Absent)
                ? ConditionOutcome.Satisfied
                : ConditionOutcome.NotSatisfied;
        }

        return request.Kind == RequestKeyKind.Absent ? WhenAbsent(condition, op) : WhenPresent(condition, op, request.Value!);
    }

    private static ConditionOutcome WhenAbsent(PolicyCondition condition, ConditionOperator op)
    {
        // IfExists: "If the key is not present, evaluate the condition element as true."
        if (condition.IfExists)
        {
            return ConditionOutcome.Satisfied;
        }

        // ForAllValues is true and ForAnyValue false when the key is missing from the request (multi-valued keys page).
        switch (condition.SetQualifier)
        {
            case ConditionSetQualifier.ForAllValues:
                return ConditionOutcome.Satisfied;
            case ConditionSetQualifier.ForAnyValue:
                return ConditionOutcome.NotSatisfied;
        }

        // "If the key ... is not present in the request context, the values do not match and the condition is false.
        // If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the
        // right key is not present, the condition is true."
        return op.IsNegated ? ConditionOutcome.Satisfied : ConditionOutcome.NotSatisfied;
    }

    private static ConditionOutcome WhenPresent(PolicyCondition condition, ConditionOperator op, string value)
    {
        if (op.Matches is not { } matches)
        {
            return ConditionOutcome.Unknown;
        }

        // Values of one key are ORed; a negated operator is true when no value matches. With one request value,
        // ForAllValues and ForAnyValue reduce to the plain operator.
        var any = condition.Values.Any(p => matches(p, value));
        return any != op.IsNegated ? ConditionOutcome.Satisfied : ConditionOutcome.NotSatisfied;
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
