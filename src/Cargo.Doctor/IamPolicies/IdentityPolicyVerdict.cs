namespace Cargo.Doctor.IamPolicies;

/// <param name="DecidingStatements">The statements that produced <see cref="Decision"/> (empty for an implicit deny by silence).</param>
/// <param name="Reason">One line a customer can read.</param>
/// <param name="ConditionKeys">Condition keys the decision depends on (allowing conditions and possible denies).</param>
/// <param name="PossibleDenies">Deny statements with a Condition that may deny at run time.</param>
public sealed record IdentityPolicyVerdict(
    PolicyDecision Decision,
    IReadOnlyList<StatementReference> DecidingStatements,
    string Reason,
    IReadOnlyList<string> ConditionKeys,
    IReadOnlyList<StatementReference> PossibleDenies)
{
    public bool MayBeDenied => PossibleDenies.Count > 0;
}
