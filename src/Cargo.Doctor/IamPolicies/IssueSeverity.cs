namespace Cargo.Doctor.IamPolicies;

public enum IssueSeverity
{
    Warning,
    Failure,
}
