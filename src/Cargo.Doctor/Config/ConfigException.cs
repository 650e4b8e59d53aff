namespace Cargo.Doctor.Config;

/// <summary>
/// A flag or config-file value that does not parse (endpoint, schema, …): a <see cref="UsageException"/>
/// raised by the Config parsers, which the one validation step collects with every other problem.
/// </summary>
public sealed class ConfigException : UsageException
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(IReadOnlyList<string> problems)
        : base(problems)
    {
    }
}
