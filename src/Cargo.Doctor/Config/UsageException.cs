namespace Cargo.Doctor.Config;

/// <summary>
/// A usage error: the run cannot start as asked (a bad flag or config value, no password, a missing
/// input file). The CLI prints each problem as one line and exits with code 2. Only the Config layer
/// and the CLI raise it, plus the one source that learns of a usage problem only by reading its input
/// (an AWS evidence folder that does not name the region); engine, rules and renderers never do.
/// </summary>
public class UsageException : Exception
{
    public UsageException(string message)
        : this([message])
    {
    }

    /// <summary>Every problem found at once, one line each.</summary>
    public UsageException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
