using System.Text.Json.Serialization;

namespace Cargo.Doctor.Reports;

/// <summary>report.json's serializer, generated at compile time (no reflection: trimming and Native AOT keep it working).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonReportDocument))]
internal sealed partial class JsonReportContext : JsonSerializerContext
{
}
