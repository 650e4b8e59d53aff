namespace Cargo.Doctor.Findings;

/// <summary>The outcome of one check, ordered from best to worst for sorting.</summary>
public enum CheckStatus
{
    Pass,
    Skipped,

    /// <summary>Failed, warned or unknown, but covered by an unexpired <c>accept:</c> entry of the config.</summary>
    Accepted,
    Unknown,
    Warn,
    Fail,
}
