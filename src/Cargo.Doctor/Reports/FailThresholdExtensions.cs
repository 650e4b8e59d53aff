using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>What each <see cref="FailThreshold"/> counts as a failure, and its --fail-on spelling.</summary>
public static class FailThresholdExtensions
{
    public static bool Fails(this FailThreshold threshold, CheckStatus status) => status switch
    {
        CheckStatus.Fail => true,
        CheckStatus.Warn => threshold is FailThreshold.Warn or FailThreshold.Unknown,
        CheckStatus.Unknown => threshold is FailThreshold.Unknown,
        _ => false,
    };

    public static string Word(this FailThreshold threshold) => threshold.ToString().ToLowerInvariant();

    /// <summary>Reads a --fail-on word; false for anything else (the CLI reports it).</summary>
    public static bool TryParse(string text, out FailThreshold threshold)
    {
        var found = Enum.GetValues<FailThreshold>().Where(t => t.Word() == text.Trim().ToLowerInvariant()).ToList();
        threshold = found.FirstOrDefault();
        return found.Count == 1;
    }
}
