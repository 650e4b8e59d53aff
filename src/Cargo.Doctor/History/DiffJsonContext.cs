using System.Text.Json.Serialization;

namespace Cargo.Doctor.History;

/// <summary>diff.json's serializer, generated at compile time (no reflection: trimming and Native AOT keep it working).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DiffJsonDocument))]
internal sealed partial class DiffJsonContext : JsonSerializerContext
{
}
