namespace Cargo.Doctor.Findings;

/// <summary>The outcome of one check, ordered from best to worst for sorting.</summary>
public enum CheckStatus
{
    Pass,
    Skipped,
    Unknown,
    Warn,
    Fail,
}
