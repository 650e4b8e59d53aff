using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.ProbeErrors;

/// <summary>
/// One row of the classifier table: an error text, what it means, the checks that explain it (none:
/// not a setup problem), the page it is quoted from, and the catalog fix.
/// </summary>
/// <param name="RemediationKey">The fix's key in the failing probe's catalog file (probe findings use it).</param>
public sealed record ProbeErrorPattern(Regex Pattern, ProbeErrorCause Cause, string RemediationKey, string Explanation)
{
    /// <summary>The check ids that explain this error, the first being the one to run first; empty when it is not a setup problem.</summary>
    public required IReadOnlyList<string> Checks { get; init; }

    /// <summary>The page that quotes the text (or, when <see cref="Confirmed"/> is false, the page that states the rule).</summary>
    public required string Page { get; init; }

    /// <summary>
    /// False when no page quotes this text (a PostgreSQL text, or one seen in public logs): a match is then
    /// reported as the "likely" cause.
    /// </summary>
    public bool Confirmed { get; init; } = true;

    /// <summary>
    /// The SQLSTATE this text comes with. When the caller knows the statement's SQLSTATE (a probe does; a
    /// history row does not), a row with another SQLSTATE does not match.
    /// </summary>
    public string? SqlState { get; init; }

    /// <summary>The catalog template that fixes it (check id and key), for <c>diagnose</c>; null when there is nothing to fix on the customer's side.</summary>
    public ErrorFix? Fix { get; init; }

    public bool NotSetup => Checks.Count == 0;
}

/// <summary>A remediation template of the catalog: check id and template key.</summary>
public sealed record ErrorFix(string CheckId, string Key);
