using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>Policy JSON in one canonical (compact) form, so API and evidence reads give equal facts.</summary>
internal static class PolicyText
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Normalize(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Compact) ?? json;
        }
        catch (JsonException)
        {
            return json; // The rules report it as not a valid policy.
        }
    }
}
