using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Catalog;

/// <summary>
/// The YAML front matter of a check file, as written: a flat mapping of known keys. Read with
/// YamlDotNet's node model, not its reflection deserializer, which was the costliest part of start-up
/// (issue 11) and cannot be trimmed.
/// </summary>
internal sealed class CheckFrontMatter
{
    public string? Id { get; private init; }

    public string? Title { get; private init; }

    public string? Severity { get; private init; }

    public string? Area { get; private init; }

    public int? Order { get; private init; }

    public List<string>? DependsOn { get; private init; }

    /// <summary>Reads the front matter; a problem is a <see cref="YamlException"/> naming its line.</summary>
    public static CheckFrontMatter Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (InvalidOperationException)
        {
            // YamlStream stops this way on input that ends inside a construct, e.g. "area: [unclosed".
            throw new YamlException("it ends inside an unclosed bracket, brace or quote");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new CheckFrontMatter();
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw Error(stream.Documents[0].RootNode, "front matter must be key: value lines");
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : throw Error(keyNode, "a key must be a plain word");
            if (key is not ("id" or "title" or "severity" or "area" or "order" or "depends-on"))
            {
                throw Error(keyNode, $"unknown front matter key '{key}'");
            }

            values[key] = value;
        }

        return new CheckFrontMatter
        {
            Id = Scalar(values, "id"),
            Title = Scalar(values, "title"),
            Severity = Scalar(values, "severity"),
            Area = Scalar(values, "area"),
            Order = Number(values, "order"),
            DependsOn = List(values, "depends-on"),
        };
    }

    private static string? Scalar(Dictionary<string, YamlNode> values, string key) =>
        values.GetValueOrDefault(key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            var other => throw Error(other, $"'{key}' must be a single value"),
        };

    private static int? Number(Dictionary<string, YamlNode> values, string key) =>
        Scalar(values, key) switch
        {
            null or "" => null,
            var text when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            var text => throw Error(values[key], $"{key} '{text}' is not a whole number"),
        };

    private static List<string>? List(Dictionary<string, YamlNode> values, string key) =>
        values.GetValueOrDefault(key) switch
        {
            null => null,
            YamlScalarNode { Value: null or "" } => [],
            YamlSequenceNode items => items.Children
                .Select(item => item is YamlScalarNode { Value: { } v } ? v : throw Error(item, $"'{key}' must list check ids"))
                .ToList(),
            var other => throw Error(other, $"'{key}' must be a list such as [db.connect]"),
        };

    private static YamlException Error(YamlNode node, string message) => new(node.Start, node.End, message);
}
