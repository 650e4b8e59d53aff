using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Config;

/// <summary>
/// Reads the YAML config file (see README "Configuration"). Walks the YAML tree itself rather than
/// binding to a .NET type, so that every problem names the file, line and key in the customer's
/// words (never a .NET type name), and all problems are reported at once. A password key is refused
/// on purpose: secrets come only from the environment or a prompt.
/// </summary>
public static class ConfigFile
{
    public static DoctorConfig Load(string path)
    {
        if (path.Trim().Length == 0 || path.Any(char.IsControl))
        {
            throw new ConfigException("--config: not a file path");
        }

        if (!File.Exists(path))
        {
            throw new ConfigException($"config file not found: {path}");
        }

        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot be read ({e.Message})");
        }

        return Parse(yaml, path);
    }

    public static DoctorConfig Parse(string yaml, string name = "config")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{name}: line {e.Start.Line}: {(e.InnerException ?? e).Message}");
        }

        var problems = new List<string>();
        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        var file = new ConfigFileReader(name, problems);
        var config = file.Read(root);
        if (problems.Count > 0)
        {
            // A bad top-level default is read once per target: reported once.
            throw new ConfigException(problems.Distinct().ToList());
        }

        return config;
    }
}
