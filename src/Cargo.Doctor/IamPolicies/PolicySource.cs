namespace Cargo.Doctor.IamPolicies;

public enum PolicySource
{
    Managed,
    Inline,
    PermissionsBoundary,
}
