using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Redaction;

/// <summary>
/// <c>--redact</c> applied to what is written, after the rules ran on the real facts: a token in place
/// of an IP cannot be judged, so redacting first changed verdicts. The facts and every finding's
/// text (summary, details, remediation) share one token map, so a name is the same token everywhere.
/// </summary>
public sealed class RedactedOutput
{
    private readonly RedactionTokens tokens;

    private RedactedOutput(FactsSnapshot facts, RedactionTokens tokens)
    {
        Facts = facts;
        this.tokens = tokens;
    }

    /// <summary>The redacted facts: for report headers, the probe appendix and <c>--save-facts</c>.</summary>
    public FactsSnapshot Facts { get; }

    public static RedactedOutput Of(FactsSnapshot facts) => new(FactsRedactor.Redact(facts, out var tokens), tokens);

    public Finding Redact(Finding finding) => finding with
    {
        Summary = tokens.Replace(finding.Summary),
        Details = finding.Details.Select(tokens.Replace).ToList(),
        // Item keys name the same objects as the lines (report.json writes them).
        DetailKeys = finding.DetailKeys.Select(k => k?.MapValues(tokens.Replace)).ToList(),
        Remediation = finding.Remediation.Select(r => r with { Text = tokens.Replace(r.Text) }).ToList(),
        // An acceptance's reason and match name the customer's objects as freely as a summary does.
        Acceptance = finding.Acceptance is { } a
            ? a with
            {
                Reason = tokens.Replace(a.Reason),
                Match = a.Match is null ? null : tokens.Replace(a.Match),
                Items = a.Items?.Select(i => ItemKey.Parse(i).MapValues(tokens.Replace).Text).ToList(),
            }
            : null,
    };
}
