namespace Cargo.Doctor.Facts;

/// <summary>The fixed ids of the live probes (also their catalog check ids).</summary>
public static class ProbeIds
{
    public const string SchemaCreate = "probe.schema-create";
    public const string FunctionCreate = "probe.function-create";
    public const string CopyRoundTrip = "probe.copy-round-trip";

    public static IReadOnlyList<string> All { get; } = [SchemaCreate, FunctionCreate, CopyRoundTrip];
}
