using System.Text.Json;
using System.Text.Json.Nodes;
using Cargo.Doctor.Files;

namespace Cargo.Doctor.Facts;

/// <summary>Reads and writes the facts file (camelCase JSON, enums as kebab-case strings).</summary>
public static class FactsJson
{
    /// <summary>
    /// The facts file's options, resolved from the source-generated <see cref="FactsJsonContext"/>:
    /// any type the facts hold can be (de)serialised with them, without reflection.
    /// </summary>
    public static readonly JsonSerializerOptions Options = FactsJsonContext.Default.Options;

    /// <summary>
    /// Reading refuses a null where a record never holds one (a list, the target): an invalid file,
    /// not a NullReferenceException in some rule later
    /// (https://learn.microsoft.com/en-us/dotnet/standard/serialization/system-text-json/nullable-annotations).
    /// Only reading: what the warehouse answered is written as it came.
    /// </summary>
    private static readonly FactsJsonContext Reading = new(new JsonSerializerOptions(FactsJsonContext.Default.Options) { RespectNullableAnnotations = true });

    public static string Serialize(FactsSnapshot facts) => JsonSerializer.Serialize(facts, FactsJsonContext.Default.FactsSnapshot);

    /// <summary>
    /// Writes the facts file straight to a stream, the same bytes as <see cref="Serialize"/> (UTF-8,
    /// no BOM) without holding the whole text: at 200,000 tables that text is about 48 MB, twice
    /// that as a .NET string.
    /// </summary>
    public static Task SerializeAsync(Stream stream, FactsSnapshot facts, CancellationToken ct) =>
        JsonSerializer.SerializeAsync(stream, facts, FactsJsonContext.Default.FactsSnapshot, ct);

    /// <summary>Parses a facts file; a bad file is a <see cref="FormatException"/> with a one-line reason.</summary>
    public static FactsSnapshot Deserialize(string json)
    {
        try
        {
            var info = Reading.FactsSnapshot;
            using var document = JsonDocument.Parse(json);
            CheckText(json);
            CheckSchemaVersion(document.RootElement);
            CheckRequired(document.RootElement, info);
            var facts = FactsFileDefaults.AnyMissing(document.RootElement, info)
                ? ReadOlder(json)
                : JsonSerializer.Deserialize(json, info);
            return facts ?? throw new FormatException("the facts file is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the facts file is not valid: {JsonProblem.Describe(e)}");
        }
    }

    private static void CheckRequired(JsonElement root, System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        try
        {
            FactsRequiredCheck.Check(root, info);
        }
        catch (FormatException e)
        {
            throw new FormatException($"the facts file is not valid: {e.Message}");
        }
    }

    private static void CheckText(string json)
    {
        try
        {
            JsonTextCheck.Check(json, refuseNullItems: true);
        }
        catch (FormatException e)
        {
            throw new FormatException($"the facts file is not valid: {e.Message}");
        }
    }

    /// <summary>
    /// Read before anything else: the record's default would turn a missing version into the current
    /// one, so a file that never said its version (or says 0 or less) is refused like a future one.
    /// </summary>
    private static void CheckSchemaVersion(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the facts file is not valid: it is not a JSON object");
        }

        if (!root.TryGetProperty("schemaVersion", out var version))
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

    /// <summary>A file written before some properties were added: read with their defaults filled in (see <see cref="FactsFileDefaults"/>).</summary>
    private static FactsSnapshot? ReadOlder(string json)
    {
        var info = Reading.FactsSnapshot;
        var node = JsonNode.Parse(json);
        FactsFileDefaults.Fill(node, info);
        try
        {
            return node.Deserialize(info);
        }
        catch (JsonException)
        {
            // The filled copy has other line numbers: read the file as written to say where it is wrong.
            JsonSerializer.Deserialize(json, info);
            throw;
        }
    }
}
