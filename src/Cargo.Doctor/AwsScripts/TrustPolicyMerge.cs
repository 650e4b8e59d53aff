using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cargo.Doctor.AwsScripts;

/// <summary>
/// The role's trust policy plus one statement trusting the missing Redshift service principals: every
/// statement, Sid and condition already there is kept as it is (a lone statement becomes a one-element
/// list), because update-assume-role-policy replaces the whole document
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html).
/// </summary>
public static class TrustPolicyMerge
{
    public const string Sid = "RedshiftAssumeRole";

    private static readonly JsonSerializerOptions Indented =
        new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The merged document, or null when the current one is not a JSON object with a statement or statement list.</summary>
    public static string? Merge(string currentJson, IReadOnlyList<string> missingPrincipals)
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
        if (statements is null || missingPrincipals.Count == 0)
        {
            return null;
        }

        document["Statement"] = statements;
        JsonNode service = missingPrincipals.Count == 1
            ? JsonValue.Create(missingPrincipals[0])
            : new JsonArray([.. missingPrincipals.Select(p => (JsonNode?)JsonValue.Create(p))]);
        statements.Add((JsonNode)new JsonObject
        {
            ["Sid"] = FreeSid(statements),
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = service },
            ["Action"] = "sts:AssumeRole",
        });
        return document.ToJsonString(Indented);
    }

    /// <summary>A Sid no statement has: Sids must be unique in a policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).</summary>
    private static string FreeSid(JsonArray statements)
    {
        var taken = statements.OfType<JsonObject>()
            .Select(s => s["Sid"] is JsonValue v && v.TryGetValue<string>(out var sid) ? sid : null)
            .Where(s => s is not null)
            .ToHashSet(StringComparer.Ordinal);
        var candidate = Sid;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = Sid + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
