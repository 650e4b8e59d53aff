namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// Evaluates a statement's whole Condition block: its conditions are ANDed
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html),
/// so one false condition makes the block false, and one undecidable condition makes a true block undecidable.
/// </summary>
public static class ConditionBlock
{
    public static ConditionOutcome Outcome(PolicyStatement statement, Func<string, RequestKeyValue> lookup)
    {
        var outcomes = statement.Conditions.Select(c => Evaluate(c, lookup)).ToList();
        if (outcomes.Contains(ConditionOutcome.NotSatisfied))
        {
            return ConditionOutcome.NotSatisfied;
        }

        return outcomes.Contains(ConditionOutcome.Unknown) ? ConditionOutcome.Unknown : ConditionOutcome.Satisfied;
    }

    /// <summary>One condition, with its policy variables (<c>${aws:PrincipalAccount}</c>) replaced by known request values.</summary>
    public static ConditionOutcome Evaluate(PolicyCondition condition, Func<string, RequestKeyValue> lookup) =>
        PolicyVariables.Resolve(condition, lookup) is { } resolved
            ? ConditionEvaluator.Evaluate(resolved, lookup(condition.Key))
            : ConditionOutcome.Unknown;
}
