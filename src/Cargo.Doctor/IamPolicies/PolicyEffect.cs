namespace Cargo.Doctor.IamPolicies;

public enum PolicyEffect
{
    Allow,
    Deny,
}
