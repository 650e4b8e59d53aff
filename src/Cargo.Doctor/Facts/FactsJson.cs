using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cargo.Doctor.Facts;

/// <summary>Reads and writes the facts file (camelCase JSON, enums as strings).</summary>
public static class FactsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize(FactsSnapshot facts) => JsonSerializer.Serialize(facts, Options);

    /// <summary>Parses a facts file; a bad file is a <see cref="FormatException"/> with a one-line reason.</summary>
    public static FactsSnapshot Deserialize(string json)
    {
        try
        {
            var facts = JsonSerializer.Deserialize<FactsSnapshot>(json, Options)
                ?? throw new FormatException("the facts file is empty");
            if (facts.SchemaVersion > FactsSnapshot.CurrentSchemaVersion)
            {
                throw new FormatException(
                    $"the facts file has schema version {facts.SchemaVersion}; this tool reads up to {FactsSnapshot.CurrentSchemaVersion}");
            }

            return facts;
        }
        catch (JsonException e)
        {
            throw new FormatException($"the facts file is not valid: {e.Message}");
        }
    }
}
