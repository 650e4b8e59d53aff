namespace Cargo.Doctor.Aws.Policies;

public enum RequestKeyKind
{
    Unknown,
    Absent,
    Present,
}
