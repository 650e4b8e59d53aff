using System.Text.Json.Serialization;

namespace Cargo.Doctor.Facts;

/// <summary>
/// The facts file's serializer metadata, generated at compile time: no reflection, so it works
/// trimmed and under Native AOT and costs nothing to build at start-up. Facts added to the records
/// are picked up by the generator; a new enum needs its converter listed here (FactsEnumJsonTests
/// fails otherwise, as the enum would be written as a number).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(KebabCaseEnumConverter<RoleSelectionKind>),
        typeof(KebabCaseEnumConverter<ProbeRunStatus>),
        typeof(KebabCaseEnumConverter<ProbeErrorCause>),
    ])]
[JsonSerializable(typeof(FactsSnapshot))]
internal sealed partial class FactsJsonContext : JsonSerializerContext
{
}
