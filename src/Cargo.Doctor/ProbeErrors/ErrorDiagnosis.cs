using System.Text.Json;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.ProbeErrors;

/// <summary>
/// Error text to causes, offline: what <c>cargo-doctor diagnose</c> prints and what the history section
/// groups by. Both go through <see cref="ProbeErrorClassifier"/>, so they never disagree.
/// </summary>
public static class ErrorDiagnosis
{
    /// <summary>Every cause some line of the text points to, in the classifier's order; empty when none does.</summary>
    public static IReadOnlyList<DiagnosedCause> Diagnose(string text, CheckCatalog catalog) =>
        ProbeErrorClassifier.MatchLines(text).Select(row => Describe(row, catalog)).ToList();

    public static DiagnosedCause Describe(ProbeErrorPattern row, CheckCatalog catalog)
    {
        var blocks = row.Fix is { } fix && catalog.TryGet(fix.CheckId, out var check) && check.Remediation.TryGetValue(fix.Key, out var template)
            ? template.Blocks
            : [];
        return new DiagnosedCause(CauseName(row.Cause), Verdict(row), !row.Confirmed, row.Explanation, row.Checks, row.Page, row.Fix, blocks);
    }

    /// <summary>The check that explains the row, or <see cref="ProbeErrorClassifier.NotSetupCause"/>.</summary>
    public static string Verdict(ProbeErrorPattern row) => row.NotSetup ? ProbeErrorClassifier.NotSetupCause : row.Checks[0];

    /// <summary>The cause's kebab-case name, as in the facts file.</summary>
    public static string CauseName(ProbeErrorCause cause) => JsonNamingPolicy.KebabCaseLower.ConvertName(cause.ToString());
}
