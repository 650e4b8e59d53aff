namespace Cargo.Doctor.IamPolicies;

/// <summary>What we know about one condition key in the request: its value, that it is absent, or nothing.</summary>
public sealed record RequestKeyValue(RequestKeyKind Kind, string? Value = null)
{
    public static RequestKeyValue Unknown { get; } = new(RequestKeyKind.Unknown);

    public static RequestKeyValue Absent { get; } = new(RequestKeyKind.Absent);

    public static RequestKeyValue Present(string value) => new(RequestKeyKind.Present, value);
}
