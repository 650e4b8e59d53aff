using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Reports;

/// <summary>
/// report.junit.xml for CI test tabs (GitHub Actions, GitLab, Jenkins): one testsuite per area, one
/// testcase per check. Checks at or above <see cref="Report.FailOn"/> are <c>&lt;failure&gt;</c> with
/// the summary, details and fix; skipped and not-failing unknown checks are <c>&lt;skipped&gt;</c>
/// with the reason; a warning below the threshold passes with the warning in system-out. So the
/// CI test view agrees with the exit code. The history's recent failures follow as the testsuite
/// "recent-failures" (<see cref="RecentFailuresSection.JUnit"/>).
/// </summary>
public sealed class JUnitReportRenderer : IReportRenderer
{
    public const int MaxDetailLines = 200;

    public string Format => "junit";

    public string FileName => "report.junit.xml";

    public string Render(Report report)
    {
        var timestamp = report.Facts.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var suites = report.Entries
            .GroupBy(e => e.Check.Area)
            .Select((group, index) => Suite(report, group.Key, group.ToList(), index, timestamp))
            .ToList();
        var recentFailures = RecentFailuresSection.JUnit(report, timestamp, suites.Count);
        var root = new XElement("testsuites",
            new XAttribute("name", "cargo-doctor"),
            new XAttribute("tests", report.Entries.Count + (recentFailures?.Elements("testcase").Count() ?? 0)),
            new XAttribute("failures", report.Entries.Count(e => IsFailure(report, e))),
            new XAttribute("errors", 0),
            new XAttribute("skipped", report.Entries.Count(e => IsSkipped(report, e))),
            new XAttribute("time", Seconds(report.Duration)),
            suites,
            recentFailures);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        var text = new StringBuilder();
        using (var writer = new Utf8StringWriter(text))
        {
            document.Save(writer);
        }

        return text.ToString();
    }

    private static XElement Suite(Report report, string area, List<ReportEntry> entries, int index, string timestamp)
    {
        var t = report.Facts.Target;
        var properties = new List<(string, string?)>
        {
            ("tool", ReportHeader.Tool(report)),
            ("endpoint", t.Host is null ? null : $"{t.Host}:{t.Port}"),
            ("databases", t.Databases.Count == 0 ? null : string.Join(", ", t.Databases)),
            ("region", t.Region),
            ("cluster", t.ClusterIdentifier),
            ("workgroup", t.Workgroup),
            ("fail-on", report.FailOn.Word()),
            ("redacted", report.Facts.Redacted ? "true" : "false"),
        };
        return new XElement("testsuite",
            new XAttribute("name", Clean(area)),
            new XAttribute("tests", entries.Count),
            new XAttribute("failures", entries.Count(e => IsFailure(report, e))),
            new XAttribute("errors", 0),
            new XAttribute("skipped", entries.Count(e => IsSkipped(report, e))),
            new XAttribute("time", Seconds(TimeSpan.FromTicks(entries.Sum(e => e.Finding.Duration.Ticks)))),
            new XAttribute("timestamp", timestamp),
            new XAttribute("hostname", Clean(t.Host ?? "saved-facts")),
            new XAttribute("id", index),
            new XAttribute("package", "cargo-doctor"),
            new XElement("properties", properties.Where(p => p.Item2 is not null)
                .Select(p => new XElement("property", new XAttribute("name", p.Item1), new XAttribute("value", Clean(p.Item2!))))),
            entries.Select(e => Case(report, e)),
            new XElement("system-out", ""),
            new XElement("system-err", ""));
    }

    private static XElement Case(Report report, ReportEntry entry)
    {
        var (check, finding) = (entry.Check, entry.Finding);
        var element = new XElement("testcase",
            new XAttribute("name", Clean($"{check.Id}: {check.Title}")),
            new XAttribute("classname", Clean($"cargo-doctor.{check.Area}.{check.Id}")),
            new XAttribute("time", Seconds(finding.Duration)));
        var word = StatusMark.Word(finding.Status);
        if (IsFailure(report, entry))
        {
            element.Add(new XElement("failure",
                new XAttribute("message", Clean($"{word}: {finding.Summary}")),
                new XAttribute("type", word),
                Clean(Body(check.Why, finding))));
        }
        else if (IsSkipped(report, entry))
        {
            var since = report.FailOn.Fails(finding.Status) ? " (unchanged since the baseline)" : "";
            element.Add(new XElement("skipped", new XAttribute("message", Clean($"{word}{since}: {finding.Summary}"))));
            if (finding.Details.Count > 0)
            {
                element.Add(new XElement("system-out", Clean(Body("", finding))));
            }
        }
        else if (finding.Status == CheckStatus.Warn)
        {
            element.Add(new XElement("system-out", Clean($"warning: {finding.Summary}\n\n{Body(check.Why, finding)}")));
        }
        else if (finding.Details.Count > 0)
        {
            // A pass's details (e.g. "granted via") go where CI shows a passing case's output.
            element.Add(new XElement("system-out", Clean(Body("", finding))));
        }

        return element;
    }

    private static bool IsFailure(Report report, ReportEntry entry) => report.Counts(entry);

    /// <summary>Skipped, accepted, an unknown that does not fail, or (with --baseline) a problem the baseline already had.</summary>
    private static bool IsSkipped(Report report, ReportEntry entry) =>
        entry.Finding.Status is CheckStatus.Skipped or CheckStatus.Accepted
        || (entry.Finding.Status == CheckStatus.Unknown && !IsFailure(report, entry))
        || (report.FailOn.Fails(entry.Finding.Status) && !IsFailure(report, entry));

    private static string Body(string why, Finding finding)
    {
        var text = new StringBuilder();
        text.AppendLine(finding.Summary);
        if (finding.Details.Count > 0)
        {
            text.AppendLine();
            foreach (var line in finding.Details.Take(MaxDetailLines))
            {
                text.AppendLine(line);
            }

            if (finding.Details.Count > MaxDetailLines)
            {
                text.AppendLine($"… and {finding.Details.Count - MaxDetailLines} more (report.json lists every one)");
            }
        }

        if (why.Length > 0)
        {
            text.AppendLine().AppendLine("Why it matters: " + why.Trim());
        }

        if (finding.Remediation.Count > 0)
        {
            text.AppendLine().AppendLine("How to fix:");
            foreach (var step in finding.Remediation)
            {
                text.AppendLine(step.Text).AppendLine();
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Clean(string text) => XmlText.Clean(text);

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
