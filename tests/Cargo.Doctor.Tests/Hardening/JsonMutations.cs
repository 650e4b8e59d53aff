using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Generated mutations of a JSON file, one change each: every value replaced by null, by a lone
/// surrogate, by a control character, by another type; null appended to every list; every property
/// removed; the whole file truncated or replaced. The fuzz table of <see cref="FileReaderFuzzTests"/>.
/// </summary>
public static partial class JsonMutations
{
    /// <summary>Where a lone surrogate goes: JsonNode cannot hold one, so the text is patched after writing.</summary>
    private const string LoneSurrogateMark = "\"__lone_surrogate__\"";

    public sealed record Mutation(string Name, string Json);

    public static IEnumerable<Mutation> Of(string json)
    {
        var root = JsonNode.Parse(json)!;
        // The first item of each list stands for the others: same shape, same reader code.
        foreach (var (path, _) in Walk(root, "$").Where(n => n.Path != "$" && !LaterItem().IsMatch(n.Path)))
        {
            foreach (var (what, replacement) in Replacements(Find(root, path)))
            {
                var copy = root.DeepClone();
                Replace(copy, path, replacement?.DeepClone());
                var text = copy.ToJsonString().Replace(LoneSurrogateMark, "\"\\ud800x\"", StringComparison.Ordinal);
                yield return new($"{path} = {what}", text);
            }

            var node = Find(root, path);
            if (node is JsonArray)
            {
                var copy = root.DeepClone();
                Find(copy, path)!.AsArray().Add(null);
                yield return new($"{path} += null", copy.ToJsonString());
            }

            if (node is JsonObject obj)
            {
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var copy = root.DeepClone();
                    Find(copy, path)!.AsObject().Remove(key);
                    yield return new($"{path} without {key}", copy.ToJsonString());
                }
            }
        }

        foreach (var cut in new[] { 1, json.Length / 3, json.Length / 2, json.Length - 2 })
        {
            yield return new($"truncated at {cut}", json[..cut]);
        }

        foreach (var whole in new[] { "null", "[]", "\"x\"", "7", "{}", "{\"schemaVersion\": 1}", "\"\\ud800\"", "{\"\\udc00\": 1}" })
        {
            yield return new($"the whole file is {whole}", whole);
        }
    }

    private static IEnumerable<(string What, JsonNode? Value)> Replacements(JsonNode? node)
    {
        yield return ("null", null);
        yield return ("lone surrogate", JsonValue.Create("__lone_surrogate__"));
        yield return ("escape sequence", JsonValue.Create("\u001b[31mred\u0007"));
        yield return ("C1 control", JsonValue.Create("x\u009by"));
        yield return ("empty string", JsonValue.Create(""));
        yield return ("number", JsonValue.Create(-1.5));
        yield return ("huge number", JsonNode.Parse("1e400"));
        yield return (node is JsonArray ? "object" : "list", node is JsonArray ? new JsonObject() : new JsonArray(JsonValue.Create("x")));
    }

    private static IEnumerable<(string Path, JsonNode? Node)> Walk(JsonNode? node, string path)
    {
        yield return (path, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    foreach (var inner in Walk(child, $"{path}.{key}"))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var inner in Walk(array[i], $"{path}[{i}]"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static JsonNode? Find(JsonNode root, string path) =>
        Walk(root, "$").First(n => n.Path == path).Node;

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var (parentPath, last) = Split(path);
        var parent = Find(root, parentPath)!;
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[last] = value;
        }
    }

    private static (string Parent, string Last) Split(string path)
    {
        if (path.EndsWith(']'))
        {
            var open = path.LastIndexOf('[');
            return (path[..open], path[(open + 1)..^1]);
        }

        var dot = path.LastIndexOf('.');
        return (path[..dot], path[(dot + 1)..]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[[1-9][0-9]*\]")]
    private static partial System.Text.RegularExpressions.Regex LaterItem();

    /// <summary>Valid JSON text, for readers that parse before they validate.</summary>
    public static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
