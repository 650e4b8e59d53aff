using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Config;

/// <summary>
/// <c>targets:</c> of the config file. Each target is read as a whole config file of its own: the
/// file's top-level keys are its defaults and its own keys win, key by key inside a section
/// (warehouse, aws, cargo) and whole for the rest (readOnly, accept). Problems keep the file's lines.
/// </summary>
internal sealed partial class ConfigFileReader
{
    private const string TargetKeys = "name, passwordEnv, baseline, warehouse, aws, cargo, readOnly, accept";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex TargetName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex VariableName();

    private List<FleetTarget> Targets(YamlNode node, YamlMappingNode top)
    {
        var targets = new List<FleetTarget>();
        var items = Items(node, "targets");
        for (var i = 0; i < items.Count; i++)
        {
            if (Target(items[i], $"targets[{i + 1}]", top) is { } target)
            {
                targets.Add(target);
            }
        }

        // Names title report folders: two that differ only in case would share one on some file systems.
        foreach (var twice in targets.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Problem(node, "targets", $"the name '{twice.Key}' is used more than once (names are compared ignoring case)");
        }

        return targets;
    }

    private FleetTarget? Target(YamlNode item, string path, YamlMappingNode top)
    {
        if (item is not YamlMappingNode own)
        {
            Problem(item, path, $"expected keys {TargetKeys}");
            return null;
        }

        string? name = null, passwordEnv = null, baseline = null;
        var sections = new List<KeyValuePair<YamlNode, YamlNode>>(
            top.Children.Where(c => c.Key is YamlScalarNode { Value: not "targets" }));
        foreach (var (key, value) in Entries(own, path))
        {
            switch (key)
            {
                case "name":
                    name = Checked(value, path + ".name", TargetName().IsMatch, "is not a target name (letters, digits, '.', '_' and '-', up to 64: it names the target's report folder)");
                    break;
                case "passwordEnv":
                    passwordEnv = Checked(value, path + ".passwordEnv", VariableName().IsMatch, "is not an environment variable name");
                    break;
                case "baseline":
                    baseline = Text(value, path + ".baseline");
                    break;
                case "password":
                    Problem(value, path + ".password", "not allowed in the config file; name the environment variable that holds it with passwordEnv");
                    break;
                case "targets":
                    Problem(value, path + ".targets", "a target cannot hold targets");
                    break;
                default:
                    Override(sections, own.Children.First(c => c.Key is YamlScalarNode { Value: { } k } && k == key));
                    break;
            }
        }

        if (name is null)
        {
            if (!HasKey(own, "name"))
            {
                Problem(own, path + ".name", "missing: each target needs a name");
            }

            return null;
        }

        return new FleetTarget(name, Read(new YamlMappingNode(sections)), passwordEnv, baseline);
    }

    /// <summary>The target's key replaces the default; two sections (mappings) merge key by key, the target's winning.</summary>
    private static void Override(List<KeyValuePair<YamlNode, YamlNode>> entries, KeyValuePair<YamlNode, YamlNode> own)
    {
        var key = ((YamlScalarNode)own.Key).Value;
        var at = entries.FindIndex(e => e.Key is YamlScalarNode { Value: { } k } && k == key);
        if (at < 0)
        {
            entries.Add(own);
            return;
        }

        if (entries[at].Value is YamlMappingNode defaults && own.Value is YamlMappingNode mine)
        {
            var merged = new List<KeyValuePair<YamlNode, YamlNode>>(defaults.Children);
            foreach (var entry in mine.Children)
            {
                Override(merged, entry);
            }

            entries[at] = new(own.Key, new YamlMappingNode(merged));
            return;
        }

        entries[at] = own;
    }
}
