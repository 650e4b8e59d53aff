using System.Text.Json;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.ProbeErrors;

/// <summary>How a classifier row is named in the facts file, the history section and <c>diagnose</c>.</summary>
public static class CauseNames
{
    /// <summary>The check that explains the row, or <see cref="ProbeErrorClassifier.NotSetupCause"/>.</summary>
    public static string Verdict(ProbeErrorPattern row) => row.NotSetup ? ProbeErrorClassifier.NotSetupCause : row.Checks[0];

    /// <summary>The cause's kebab-case name, as in the facts file.</summary>
    public static string Of(ProbeErrorCause cause) => JsonNamingPolicy.KebabCaseLower.ConvertName(cause.ToString());
}
