using System.Text.Json;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>Lenient readers for AWS CLI JSON: absent or mistyped properties read as null or empty.</summary>
internal static class EvidenceJson
{
    public static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool Bool(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static int? Int(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i)
            ? i
            : null;

    public static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    public static IReadOnlyList<string> Strings(JsonElement parent, string name) =>
        Array(parent, name).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();

    public static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A policy document: the CLI prints a decoded object; a (possibly URL-encoded) string is accepted too.</summary>
    public static string? PolicyDocument(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => value.GetRawText(),
            JsonValueKind.String when value.GetString() is { } text => text.TrimStart().StartsWith('{') ? text : Uri.UnescapeDataString(text),
            _ => null,
        };
    }
}
