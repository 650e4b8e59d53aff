using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cargo.Doctor.AwsScripts;

/// <summary>
/// A policy document plus one statement, every statement, Sid and condition already there kept as it is: the
/// API calls that write a trust or bucket policy replace the whole document
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html).
/// </summary>
public static class PolicyStatementAppend
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The merged document, or null when the current one is not an object with a statement or statement list.</summary>
    public static string? Append(string currentJson, string sid, JsonObject statement)
    {
        JsonObject document;
        try
        {
            if (JsonNode.Parse(currentJson) is not JsonObject parsed)
            {
                return null;
            }

            document = parsed;
        }
        catch (JsonException)
        {
            return null;
        }

        var statements = document["Statement"] switch
        {
            JsonArray list => list,
            JsonObject single => new JsonArray(single.DeepClone()),
            _ => null,
        };
        if (statements is null)
        {
            return null;
        }

        document["Statement"] = statements;
        var added = new JsonObject { ["Sid"] = FreeSid(statements, sid) };
        foreach (var (key, value) in statement)
        {
            added[key] = value?.DeepClone();
        }

        statements.Add((JsonNode)added);
        return document.ToJsonString(Indented);
    }

    /// <summary>Sids must be unique in a policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).</summary>
    private static string FreeSid(JsonArray statements, string sid)
    {
        var taken = statements.OfType<JsonObject>()
            .Select(s => s["Sid"] is JsonValue v && v.TryGetValue<string>(out var value) ? value : null)
            .Where(s => s is not null)
            .ToHashSet(StringComparer.Ordinal);
        var candidate = sid;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = sid + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
