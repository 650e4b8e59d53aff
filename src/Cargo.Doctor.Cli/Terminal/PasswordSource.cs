using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli.Terminal;

/// <summary>
/// The warehouse password: CARGO_DOCTOR_PASSWORD, then PGPASSWORD, then a hidden prompt on an
/// interactive terminal. Never a flag or a config key, so it cannot end up in shell history or a file.
/// </summary>
internal static class PasswordSource
{
    public static string Resolve(string user)
    {
        foreach (var name in new[] { "CARGO_DOCTOR_PASSWORD", "PGPASSWORD" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        if (!TerminalOutput.IsInteractive)
        {
            throw new UsageException($"no password for \"{user}\": set CARGO_DOCTOR_PASSWORD (or PGPASSWORD)");
        }

        return HiddenPrompt.Ask($"Password for {user}:");
    }
}
