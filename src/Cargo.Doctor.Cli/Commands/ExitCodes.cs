namespace Cargo.Doctor.Cli.Commands;

/// <summary>The documented exit codes: CI jobs gate on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int UsageOrConfig = 2;

    /// <summary>
    /// A bug in cargo-doctor itself (an exception nothing expected): sysexits.h EX_SOFTWARE, so CI can
    /// tell a tool failure from a usage error (2) or a failed check (1).
    /// </summary>
    public const int InternalError = 70;

    /// <summary>128 + SIGINT (2): stopped by Ctrl+C; reports hold what was gathered.</summary>
    public const int Interrupted = 130;

    /// <summary>128 + SIGTERM (15): stopped by a termination request; reports hold what was gathered.</summary>
    public const int Terminated = 143;
}
