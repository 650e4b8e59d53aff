using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.ProbeErrors;

namespace Cargo.Doctor.Reports;

/// <summary>
/// The section "Recent failures of Cargo's statements" of report.md, report.html, report.json and report.junit.xml:
/// the history's failures grouped by cause (<see cref="FailureGroup"/>, as history.recent-failures
/// groups them). Empty when the history was not read.
/// </summary>
public static class RecentFailuresSection
{
    public const string Title = "Recent failures of Cargo's statements";

    public static string Markdown(Report report)
    {
        if (report.Facts.Warehouse?.History is not { } history)
        {
            return "";
        }

        var md = new StringBuilder();
        md.AppendLine($"## {Title}").AppendLine();
        md.AppendLine(MarkdownText.Escape(Window(history))).AppendLine();
        foreach (var g in FailureGroup.Of(history))
        {
            md.AppendLine($"- **{MarkdownText.Escape(g.Cause)}**{(g.Likely ? " (likely)" : "")}: {g.Count} failure{(g.Count == 1 ? "" : "s")}, first {Time(g.First)}, last {Time(g.Last)}, {MarkdownText.Escape(g.Explained)}; sample: {MarkdownText.Escape(g.Sample)}");
        }

        return md.AppendLine().ToString();
    }

    public static string Html(Report report)
    {
        if (report.Facts.Warehouse?.History is not { } history)
        {
            return "";
        }

        var html = new StringBuilder();
        html.AppendLine($"<section><h2>{E(Title)}</h2><p>{E(Window(history))}</p>");
        var groups = FailureGroup.Of(history);
        if (groups.Count > 0)
        {
            html.AppendLine("<table class=\"recent-failures\"><tr><th>Cause</th><th>Count</th><th>First</th><th>Last</th><th>Explained by</th><th>Sample</th></tr>");
            foreach (var g in groups)
            {
                html.AppendLine($"<tr><td>{E(g.Cause)}{(g.Likely ? " (likely)" : "")}</td><td>{g.Count}</td><td>{E(Time(g.First))}</td><td>{E(Time(g.Last))}</td><td>{E(g.Explained)}</td><td><code>{E(g.Sample)}</code></td></tr>");
            }

            html.AppendLine("</table>");
        }

        return html.AppendLine("</section>").ToString();
    }

    /// <summary>
    /// report.junit.xml's testsuite "recent-failures": one testcase per cause, its counts, times,
    /// explaining check and sample in system-out (Jenkins, GitLab and Azure DevOps show a case's
    /// output); the window or the gap in the suite's system-out. The cases pass: whether the failures
    /// matter is the history.recent-failures case's verdict, so the CI view still agrees with the exit code.
    /// Null when the history was not read.
    /// </summary>
    public static XElement? JUnit(Report report, string timestamp, int index)
    {
        if (report.Facts.Warehouse?.History is not { } history)
        {
            return null;
        }

        var groups = FailureGroup.Of(history);
        return new XElement("testsuite",
            new XAttribute("name", "recent-failures"),
            new XAttribute("tests", groups.Count),
            new XAttribute("failures", 0),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", "0.000"),
            new XAttribute("timestamp", timestamp),
            new XAttribute("hostname", XmlText.Clean(report.Facts.Target.Host ?? "saved-facts")),
            new XAttribute("id", index),
            new XAttribute("package", "cargo-doctor"),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "title"), new XAttribute("value", Title)),
                new XElement("property", new XAttribute("name", "history-days"), new XAttribute("value", history.Days))),
            groups.Select(g => new XElement("testcase",
                new XAttribute("name", XmlText.Clean($"{g.Cause}{(g.Likely ? " (likely)" : "")}: {g.Count} failure{(g.Count == 1 ? "" : "s")}")),
                new XAttribute("classname", XmlText.Clean($"cargo-doctor.recent-failures.{g.Cause}")),
                new XAttribute("time", "0.000"),
                new XElement("system-out", XmlText.Clean(
                    $"{g.Count} failure{(g.Count == 1 ? "" : "s")}, first {Time(g.First)}, last {Time(g.Last)}, {g.Explained}\nsample: {g.Sample}")))),
            new XElement("system-out", XmlText.Clean($"{Title}. {Window(history)}")),
            new XElement("system-err", ""));
    }

    /// <summary>report.json's <c>recentFailures</c>: null when the history was not read.</summary>
    internal static JsonRecentFailures? Json(Report report) => report.Facts.Warehouse?.History is not { } history
        ? null
        : new JsonRecentFailures(
            history.Days,
            history.Capped,
            history.Gap?.ToString(),
            FailureGroup.Of(history).Select(g => new JsonFailureGroup(g.Cause, g.Verdict, g.Likely, g.Checks, g.Count, g.First, g.Last, g.Sample)).ToList());

    private static string Window(HistoryFacts history) =>
        history.Gap is { } gap ? $"Not seen: {gap}."
        : history.Failures.Count == 0 ? $"No statement of the Cargo user failed in the last {history.Days} days."
        : $"Failed statements of the Cargo user in the last {history.Days} days, grouped by cause{(history.Capped ? $" (the newest {history.Failures.Count} read)" : "")}:";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(DisplayText.Escape(text));
}

internal sealed record JsonRecentFailures(int Days, bool Capped, string? Unknown, IReadOnlyList<JsonFailureGroup> Causes);

internal sealed record JsonFailureGroup(string Cause, string Verdict, bool Likely, IReadOnlyList<string> Checks, int Count, DateTimeOffset First, DateTimeOffset Last, string Sample);
