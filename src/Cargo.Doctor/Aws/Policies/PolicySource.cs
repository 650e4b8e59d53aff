namespace Cargo.Doctor.Aws.Policies;

public enum PolicySource
{
    Managed,
    Inline,
    PermissionsBoundary,
}
