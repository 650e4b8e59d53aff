namespace Cargo.Doctor.IamPolicies;

public enum ConditionOutcome
{
    Satisfied,
    NotSatisfied,

    /// <summary>The key's value or the operator cannot be evaluated offline.</summary>
    Unknown,
}
