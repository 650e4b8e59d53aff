using Cargo.Doctor.Catalog;

using Cargo.Doctor.ProbeErrors;

namespace Cargo.Doctor.Diagnosis;

/// <summary>
/// One cause an error text points to, as <c>diagnose</c> and the history section show it: the cause's
/// name, the check that explains it (or <see cref="ProbeErrorClassifier.NotSetupCause"/>), every
/// check to run, whether the text is documented or only likely, the page, and the catalog fix with its
/// placeholders left in.
/// </summary>
public sealed record DiagnosedCause(
    string Cause,
    string Verdict,
    bool Likely,
    string Explanation,
    IReadOnlyList<string> Checks,
    string Page,
    ErrorFix? Fix,
    IReadOnlyList<RemediationBlock> FixBlocks);
