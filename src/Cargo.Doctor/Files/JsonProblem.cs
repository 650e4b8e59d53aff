using System.Text.Json;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Files;

/// <summary>
/// A System.Text.Json error in the customer's words: the JSON path and what is wrong there, without
/// the .NET type names and nullability advice its messages carry ("could not be converted to
/// System.Collections.Generic.IReadOnlyList`1", "Consider updating its nullability annotation").
/// </summary>
public static class JsonProblem
{
    public static string Describe(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
        var message = e.Message;
        var reason =
            message.Contains("doesn't allow null", StringComparison.Ordinal) || message.Contains("null value", StringComparison.OrdinalIgnoreCase) ? "null is not allowed here"
            : message.Contains("could not be converted", StringComparison.Ordinal) ? "a value of the wrong type"
            : message.Contains("missing required properties", StringComparison.Ordinal) ? "a required property is missing"
            : e.Path is null ? "not valid JSON"
            : "an unexpected value";
        return e.Path is { } path ? $"{DisplayText.Escape(path)}: {reason}{where}" : $"{reason}{where}";
    }
}
