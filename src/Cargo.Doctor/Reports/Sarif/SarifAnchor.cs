using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Reports.Sarif;

/// <summary>
/// The repository file a result points at: code scanning shows only results with a file location
/// (https://github.com/github/codeql-action/issues/1738: "locationFromSarifResult: expected at least one location").
/// A config file anchors a result to the line naming its schema, else the line naming the target
/// (warehouse.endpoint); any other file (<c>--sarif-anchor</c>) to its first line.
/// </summary>
public sealed class SarifAnchor
{
    private readonly IReadOnlyList<string> _lines;
    private readonly IReadOnlyList<(string Database, string Schema, int Line)> _schemas;

    private SarifAnchor(string uri, IReadOnlyList<string> lines, int targetLine, IReadOnlyList<(string, string, int)> schemas)
    {
        Uri = uri;
        _lines = lines;
        TargetLine = targetLine;
        _schemas = schemas;
    }

    /// <summary>The file's path relative to the repository root, as a URI reference with '/' separators.</summary>
    public string Uri { get; }

    /// <summary>The line naming the target (1 when the file names none).</summary>
    public int TargetLine { get; }

    /// <summary>A file anchored at its first line (<c>--sarif-anchor</c>).</summary>
    public static SarifAnchor FirstLine(string uri, string text) => new(uri, Lines(text), 1, []);

    /// <summary>
    /// A config file: the line of <c>warehouse.endpoint</c> (else <c>warehouse:</c>, else 1), and the
    /// line of each <c>warehouse.schemas</c> entry. YAML it cannot read anchors at line 1: the config
    /// itself is validated (and refused) elsewhere.
    /// </summary>
    public static SarifAnchor Config(string uri, string text)
    {
        var lines = Lines(text);
        var target = 1;
        var schemas = new List<(string, string, int)>();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
                && Child(root, "warehouse", out var warehouseKey) is YamlMappingNode warehouse)
            {
                target = (int)warehouseKey.Start.Line;
                if (Child(warehouse, "endpoint", out _) is YamlScalarNode endpoint)
                {
                    target = (int)endpoint.Start.Line;
                }

                if (Child(warehouse, "schemas", out _) is YamlSequenceNode list)
                {
                    foreach (var entry in list.Children.OfType<YamlScalarNode>())
                    {
                        if (SchemaTarget.TryParse(entry.Value ?? "") is { } schema)
                        {
                            schemas.Add((schema.Database, schema.Schema, (int)entry.Start.Line));
                        }
                    }
                }
            }
        }
        catch (YamlException)
        {
            // Line 1, as documented above.
        }

        return new SarifAnchor(uri, lines, Math.Clamp(target, 1, lines.Count), schemas);
    }

    /// <summary>The line of the schema the item names (database and schema parts), else the target's.</summary>
    public int LineFor(ItemKey key)
    {
        var parts = key.Text.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => Unescape(p[1]));
        var database = parts["database"].FirstOrDefault();
        var schema = parts["schema"].FirstOrDefault();
        if (database is not null && schema is not null)
        {
            // Any case: the line only says where to look (Redshift folds ASCII letters; README "Names and case").
            foreach (var (db, s, line) in _schemas)
            {
                if (string.Equals(db, database, StringComparison.OrdinalIgnoreCase) && string.Equals(s, schema, StringComparison.OrdinalIgnoreCase))
                {
                    return line;
                }
            }
        }

        return TargetLine;
    }

    /// <summary>The whole line, so the region has both ends (the validator's SARIF2017).</summary>
    public SarifRegion Region(int line) => new(line, 1, line, _lines[line - 1].Length + 1);

    private static List<string> Lines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static YamlNode? Child(YamlMappingNode map, string name, out YamlNode key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } text } && text == name)
            {
                key = k;
                return v;
            }
        }

        key = map;
        return null;
    }

    private static string Unescape(string value) => value.Contains('%', StringComparison.Ordinal) ? System.Uri.UnescapeDataString(value) : value;
}
