namespace Cargo.Doctor.Aws.Policies;

public enum IssueSeverity
{
    Warning,
    Failure,
}
