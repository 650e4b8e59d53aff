using System.Globalization;
using System.Text.Json;

namespace Cargo.Doctor.Tests.Schemas;

/// <summary>
/// A validator for the part of JSON Schema (2020-12) that docs/schemas uses: type, const, enum,
/// required, properties, additionalProperties: false, items, minimum and local $ref to $defs.
/// Any other keyword in a schema is an error, so a schema cannot silently use more than is checked.
/// </summary>
public static class JsonSchemaSubset
{
    private static readonly HashSet<string> Known =
        ["$schema", "title", "description", "type", "const", "enum", "required", "properties", "additionalProperties", "items", "minimum", "$ref", "$defs"];

    /// <summary>Every violation as "path: what is wrong"; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement document)
    {
        var errors = new List<string>();
        Check(schema, schema, document, "$", errors);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            errors.Add($"{path}: schema keyword '{keyword.Name}' is not supported by this validator");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            const string prefix = "#/$defs/";
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !root.GetProperty("$defs").TryGetProperty(name[prefix.Length..], out var target))
            {
                errors.Add($"{path}: unresolved $ref {name}");
                return;
            }

            Check(root, target, value, path, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add($"{path}: expected {type.GetString()}, found {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: expected {constant.GetRawText()}, found {value.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(c => JsonElement.DeepEquals(c, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {choices.GetRawText()}");
        }

        if (schema.TryGetProperty("minimum", out var minimum) && value.ValueKind == JsonValueKind.Number && value.GetDouble() < minimum.GetDouble())
        {
            errors.Add($"{path}: {value.GetRawText()} is below {minimum.GetDouble().ToString(CultureInfo.InvariantCulture)}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(root, schema, value, path, errors);
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(root, items, item, $"{path}[{index++}]", errors);
            }
        }
    }

    private static void CheckObject(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
            {
                errors.Add($"{path}: missing required '{name}'");
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(root, propertySchema, property.Value, $"{path}.{property.Name}", errors);
            }
            else if (closed)
            {
                errors.Add($"{path}: '{property.Name}' is not in the schema");
            }
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new ArgumentException($"unknown schema type '{type}'"),
    };
}
