namespace Cargo.Doctor.Findings;

/// <summary>
/// The word for a status as report.json, the diff and acceptance notes spell it. It belongs to the
/// status itself, so stages before the renderers (accepted findings, history) need no renderer for it.
/// </summary>
public static class CheckStatusWords
{
    public static string Word(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "fail",
        CheckStatus.Warn => "warn",
        CheckStatus.Skipped => "skipped",
        CheckStatus.Accepted => "accepted",
        _ => "unknown",
    };
}
