namespace Cargo.Doctor.Cli.Commands;

/// <summary>The documented exit codes: CI jobs gate on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int UsageOrConfig = 2;
}
