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

    /// <summary>
    /// Writes the facts file straight to a stream, the same bytes as <see cref="Serialize"/> (UTF-8,
    /// no BOM) without holding the whole text: at 200,000 tables that text is about 48 MB, twice
    /// that as a .NET string.
    /// </summary>
    public static Task SerializeAsync(Stream stream, FactsSnapshot facts, CancellationToken ct) =>
        JsonSerializer.SerializeAsync(stream, facts, Options, ct);

    /// <summary>Parses a facts file; a bad file is a <see cref="FormatException"/> with a one-line reason.</summary>
    public static FactsSnapshot Deserialize(string json)
    {
        try
        {
            CheckSchemaVersion(json);
            return JsonSerializer.Deserialize<FactsSnapshot>(json, Options)
                ?? throw new FormatException("the facts file is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the facts file is not valid: {e.Message}");
        }
    }

    /// <summary>
    /// Read before anything else: the record's default would turn a missing version into the current
    /// one, so a file that never said its version (or says 0 or less) is refused like a future one.
    /// </summary>
    private static void CheckSchemaVersion(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the facts file is not valid: it is not a JSON object");
        }

        if (!document.RootElement.TryGetProperty("schemaVersion", out var version))
        {
            throw new FormatException($"the facts file has no schemaVersion; this tool reads versions 1 to {FactsSnapshot.CurrentSchemaVersion} (files written by `cargo-doctor check --save-facts`)");
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
        {
            throw new FormatException($"the facts file is not valid: schemaVersion must be a whole number, not {version.GetRawText()}");
        }

        if (number < 1 || number > FactsSnapshot.CurrentSchemaVersion)
        {
            throw new FormatException($"the facts file has schema version {number}; this tool reads versions 1 to {FactsSnapshot.CurrentSchemaVersion}");
        }
    }
}
