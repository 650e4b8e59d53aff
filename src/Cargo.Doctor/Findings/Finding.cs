namespace Cargo.Doctor.Findings;

/// <summary>
/// What a rule concluded for one check. Title and severity live in the catalog descriptor;
/// a finding carries only what the facts decided.
/// </summary>
public sealed record Finding
{
    public required string CheckId { get; init; }

    public required CheckStatus Status { get; init; }

    /// <summary>One line a customer reads first.</summary>
    public required string Summary { get; init; }

    /// <summary>Every detail line (all of them; renderers decide how many to show).</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    public IReadOnlyList<RemediationStep> Remediation { get; init; } = [];

    /// <summary>How long evaluation (and, for probes, the probe itself) took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The config acceptance that covers (or, expired, no longer covers) this finding.</summary>
    public AcceptanceNote? Acceptance { get; init; }

    /// <summary>
    /// --checks/--skip left this check out, so it was not evaluated (status skipped). Readers use this
    /// flag, never the summary text, to tell "not selected" from a rule's own verdict.
    /// </summary>
    public bool NotSelected { get; init; }
}
