namespace Cargo.Doctor.IamPolicies;

public enum RequestKeyKind
{
    Unknown,
    Absent,
    Present,
}
