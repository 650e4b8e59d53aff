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

    public static FailThreshold Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fail" => FailThreshold.Fail,
        "warn" => FailThreshold.Warn,
        "unknown" => FailThreshold.Unknown,
        _ => throw new Config.ConfigException($"--fail-on '{text}': choose from fail, warn, unknown"),
    };
}
