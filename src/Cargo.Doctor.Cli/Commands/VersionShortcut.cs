namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// `cargo-doctor --version` alone is answered before any command is built: building the command tree
/// was a third of that run's CPU (issue 11). Anything else (`--version` with other arguments, help,
/// errors) goes through System.CommandLine as before, so its texts stay the same.
/// </summary>
internal static class VersionShortcut
{
    /// <summary>The line to print for these arguments, or null when System.CommandLine must parse them.</summary>
    public static string? Answer(IReadOnlyList<string> args) =>
        args is ["--version"] ? ToolVersion.Current : null;
}
