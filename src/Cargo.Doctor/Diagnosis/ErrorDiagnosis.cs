using Cargo.Doctor.Catalog;
using Cargo.Doctor.ProbeErrors;

namespace Cargo.Doctor.Diagnosis;

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
        return new DiagnosedCause(CauseNames.Of(row.Cause), CauseNames.Verdict(row), !row.Confirmed, row.Explanation, row.Checks, row.Page, row.Fix, blocks);
    }
}
