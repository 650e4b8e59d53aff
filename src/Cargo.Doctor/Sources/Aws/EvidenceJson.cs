using System.Text.Json;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>What only the AWS CLI's JSON needs beyond <see cref="Cargo.Doctor.AwsApi.Clients.JsonFields"/>.</summary>
internal static class EvidenceJson
{
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
