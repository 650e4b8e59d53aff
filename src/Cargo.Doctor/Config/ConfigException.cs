namespace Cargo.Doctor.Config;

/// <summary>
/// Bad configuration or arguments: the CLI prints each problem as one line and exits with code 2.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : this([message])
    {
    }

    /// <summary>Every problem found at once, one line each.</summary>
    public ConfigException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
