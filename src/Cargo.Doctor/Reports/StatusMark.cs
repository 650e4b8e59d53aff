using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>The mark and word for a status, shared by the terminal and the reports.</summary>
public static class StatusMark
{
    public static string Symbol(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "✓",
        CheckStatus.Fail => "✗",
        CheckStatus.Warn => "!",
        CheckStatus.Skipped => "-",
        CheckStatus.Accepted => "~",
        _ => "?",
    };

    public static string Word(CheckStatus status) => CheckStatusWords.Word(status);
}
