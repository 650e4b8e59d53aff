using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Reports;

/// <summary>What the fix scripts share: which checks need fixing, and safe one-line comments.</summary>
internal static class FixScriptText
{
    /// <summary>Failed and warned checks in catalog (dependency) order: user, database, schemas, tables, roles.</summary>
    public static IEnumerable<ReportEntry> ToFix(Report report) =>
        report.Entries.Where(e => e.Finding.Status is CheckStatus.Fail or CheckStatus.Warn);

    /// <summary>Customer text on one comment line: a newline in a name must not end the comment.</summary>
    public static string OneLine(string text) =>
        DisplayText.Escape(string.Join(' ', text.Split(['\r', '\n', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    /// <summary>Console steps (Markdown prose) as plain comment lines: backslash escapes removed.</summary>
    public static IEnumerable<string> Commented(string prefix, string text) =>
        text.Split('\n').Select(line => $"{prefix} {DisplayText.Escape(MarkdownText.Unescape(line.Replace("\r", "", StringComparison.Ordinal)))}".TrimEnd());
}
