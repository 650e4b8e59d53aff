namespace Cargo.Doctor.IamPolicies;

public enum PolicyDecision
{
    Allowed,

    /// <summary>Only statements with a Condition allow it; whether they hold cannot be known offline.</summary>
    AllowedWithConditions,

    ImplicitDeny,
    ExplicitDeny,
}
