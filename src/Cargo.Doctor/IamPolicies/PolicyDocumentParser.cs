using System.Text.Json;

namespace Cargo.Doctor.IamPolicies;

/// <summary>Reads IAM policy JSON, accepting every shape the grammar allows (string or array, object or array).</summary>
internal static class PolicyDocumentParser
{
    public static PolicyDocument Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new PolicyParseException("Policy is empty.");
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}"
                : "";
            throw new PolicyParseException($"Policy is not valid JSON{where}.", ex);
        }

        using (parsed)
        {
            return ReadDocument(parsed.RootElement);
        }
    }

    private static PolicyDocument ReadDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException($"Policy must be a JSON object, found {Describe(root)}.");
        }

        string? version = null;
        if (root.TryGetProperty("Version", out var versionElement))
        {
            version = versionElement.ValueKind == JsonValueKind.String
                ? versionElement.GetString()
                : throw new PolicyParseException("Policy \"Version\" must be a string.");
        }

        if (!root.TryGetProperty("Statement", out var statementElement))
        {
            throw new PolicyParseException("Policy has no \"Statement\" element.");
        }

        var statements = statementElement.ValueKind switch
        {
            JsonValueKind.Object => [ReadStatement(statementElement, 1)],
            JsonValueKind.Array => statementElement.EnumerateArray().Select((s, i) => ReadStatement(s, i + 1)).ToList(),
            _ => throw new PolicyParseException($"Policy \"Statement\" must be an object or an array, found {Describe(statementElement)}."),
        };
        return new PolicyDocument(version, statements);
    }

    private static PolicyStatement ReadStatement(JsonElement element, int position)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException($"Statement {position} must be an object, found {Describe(element)}.");
        }

        string? sid = null;
        if (element.TryGetProperty("Sid", out var sidElement) && sidElement.ValueKind != JsonValueKind.Null)
        {
            sid = sidElement.ValueKind == JsonValueKind.String
                ? sidElement.GetString()
                : throw Error(position, "\"Sid\" must be a string");
        }

        var effect = ReadEffect(element, position);
        var action = ReadStrings(element, "Action", position);
        var notAction = ReadStrings(element, "NotAction", position);
        if ((action is null) == (notAction is null))
        {
            throw Error(position, "must have exactly one of \"Action\" or \"NotAction\"");
        }

        var resource = ReadStrings(element, "Resource", position);
        var notResource = ReadStrings(element, "NotResource", position);
        if (resource is not null && notResource is not null)
        {
            throw Error(position, "cannot have both \"Resource\" and \"NotResource\"");
        }

        var principal = ReadPrincipal(element, "Principal", position);
        var notPrincipal = ReadPrincipal(element, "NotPrincipal", position);
        if (principal is not null && notPrincipal is not null)
        {
            throw Error(position, "cannot have both \"Principal\" and \"NotPrincipal\"");
        }

        var conditions = ReadConditions(element, position);
        return new PolicyStatement(position, sid, effect, principal, notPrincipal, action, notAction,
            resource, notResource, conditions, element.GetRawText());
    }

    private static PolicyEffect ReadEffect(JsonElement statement, int position)
    {
        if (!statement.TryGetProperty("Effect", out var effect) || effect.ValueKind != JsonValueKind.String)
        {
            throw Error(position, "must have an \"Effect\" of \"Allow\" or \"Deny\"");
        }

        // IAM writes these capitalised; policies read back from IAM were already validated, so accept any case.
        return effect.GetString() switch
        {
            var e when string.Equals(e, "Allow", StringComparison.OrdinalIgnoreCase) => PolicyEffect.Allow,
            var e when string.Equals(e, "Deny", StringComparison.OrdinalIgnoreCase) => PolicyEffect.Deny,
            var e => throw Error(position, $"has \"Effect\" \"{e}\"; expected \"Allow\" or \"Deny\""),
        };
    }

    private static List<string>? ReadStrings(JsonElement parent, string name, int position)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return null;
        }

        return ReadStringOrArray(element, () => Error(position, $"\"{name}\" must be a string or an array of strings"));
    }

    private static List<string> ReadStringOrArray(JsonElement element, Func<PolicyParseException> error)
    {
        return element.ValueKind switch
        {
            JsonValueKind.String => [element.GetString()!],
            JsonValueKind.Array => element.EnumerateArray()
                .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw error())
                .ToList(),
            _ => throw error(),
        };
    }

    private static PolicyPrincipal? ReadPrincipal(JsonElement statement, string name, int position)
    {
        if (!statement.TryGetProperty(name, out var element))
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*"
                ? PolicyPrincipal.Everyone
                : throw Error(position, $"\"{name}\" must be \"*\" or an object such as {{\"Service\": ...}}");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(position, $"\"{name}\" must be \"*\" or an object, found {Describe(element)}");
        }

        var byType = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var type in element.EnumerateObject())
        {
            byType[type.Name] = ReadStringOrArray(type.Value,
                () => Error(position, $"\"{name}\".\"{type.Name}\" must be a string or an array of strings"));
        }

        return new PolicyPrincipal(false, byType);
    }

    private static List<PolicyCondition> ReadConditions(JsonElement statement, int position)
    {
        if (!statement.TryGetProperty("Condition", out var block))
        {
            return [];
        }

        if (block.ValueKind != JsonValueKind.Object)
        {
            throw Error(position, "\"Condition\" must be an object of operators");
        }

        var conditions = new List<PolicyCondition>();
        foreach (var op in block.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object)
            {
                throw Error(position, $"condition operator \"{op.Name}\" must map to an object of keys");
            }

            foreach (var key in op.Value.EnumerateObject())
            {
                var values = ReadConditionValues(key.Value,
                    () => Error(position, $"condition \"{op.Name}\".\"{key.Name}\" must be a value or an array of values"));
                conditions.Add(PolicyCondition.Create(op.Name, key.Name, values));
            }
        }

        return conditions;
    }

    // Condition values are usually strings, but IAM also accepts bare booleans and numbers.
    private static List<string> ReadConditionValues(JsonElement element, Func<PolicyParseException> error)
    {
        static string? Scalar(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => e.GetRawText(),
            _ => null,
        };

        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().Select(item => Scalar(item) ?? throw error()).ToList();
        }

        return [Scalar(element) ?? throw error()];
    }

    private static PolicyParseException Error(int position, string problem) =>
        new($"Statement {position} {problem}.");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
