namespace Cargo.Doctor.Aws.Policies;

public enum PolicyEffect
{
    Allow,
    Deny,
}
