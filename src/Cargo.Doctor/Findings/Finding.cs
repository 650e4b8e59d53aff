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

    /// <summary>
    /// What each detail line is about, by position in <see cref="Details"/> (see <see cref="ItemKey"/>);
    /// a line without a key here (null, or past the end) is its own key.
    /// </summary>
    public IReadOnlyList<ItemKey?> DetailKeys { get; init; } = [];

    /// <summary>Each detail line with its key: what baselines, acceptances and diff compare.</summary>
    public IReadOnlyList<DetailItem> Items => Details.Select((text, i) => new DetailItem(text, i < DetailKeys.Count ? DetailKeys[i] : null)).ToList();

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
