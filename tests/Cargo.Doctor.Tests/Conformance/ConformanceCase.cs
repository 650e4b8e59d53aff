using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Tests.Conformance;

/// <summary>
/// One case of <c>../shared/conformance/</c>: a behaviour written from AWS's documentation alone (its
/// page and sentence), a setup (Redshift SQL, or an AWS CLI evidence folder), the flags for
/// <c>cargo-doctor check</c> and the verdicts the doctor must give. The format is the folder's README.
/// </summary>
public sealed record ConformanceCase(
    string Id,
    string Path,
    string Source,
    string Quote,
    string? WarehouseSql,
    string Login,
    IReadOnlyList<string> Run,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Expect,
    IReadOnlyList<string> FixScriptMustContain)
{
    public bool IsWarehouse => WarehouseSql is not null;

    /// <summary>The folder of the case file: for an AWS case, its evidence folder.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    public bool ExpectsProbes => Expect.Keys.Any(k => k.StartsWith("probe.", StringComparison.Ordinal));

    public override string ToString() => Id;

    public static ConformanceCase Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string? Scalar(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;
        string Required(string key) => Scalar(key) ?? throw new InvalidDataException($"{path}: '{key}' is missing");

        var run = root.Children.TryGetValue(new YamlScalarNode("run"), out var runNode)
            ? ((YamlSequenceNode)runNode).Children.Select(n => ((YamlScalarNode)n).Value ?? "").ToList()
            : [];
        var expect = ((YamlMappingNode)root.Children[new YamlScalarNode("expect")]).Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value!,
            kv => (IReadOnlySet<string>)((YamlScalarNode)kv.Value).Value!.Split('|').Select(s => s.Trim()).ToHashSet());
        var mustContain = new List<string>();
        if (root.Children.TryGetValue(new YamlScalarNode("fixScript"), out var fix)
            && ((YamlMappingNode)fix).Children.TryGetValue(new YamlScalarNode("mustContain"), out var strings))
        {
            mustContain.AddRange(((YamlSequenceNode)strings).Children.Select(n => ((YamlScalarNode)n).Value ?? ""));
        }

        return new ConformanceCase(
            Required("id"), path, Required("source"), Required("quote"), Scalar("warehouse"),
            Scalar("login") ?? "cargo_user", run, expect, mustContain);
    }
}
