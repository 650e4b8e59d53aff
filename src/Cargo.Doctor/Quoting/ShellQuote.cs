namespace Cargo.Doctor.Quoting;

/// <summary>POSIX shell quoting for values placed in printed <c>aws</c> commands.</summary>
public static class ShellQuote
{
    /// <summary>Single-quotes the value; an embedded <c>'</c> becomes <c>'\''</c>.</summary>
    public static string Arg(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
