using System.Text;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Reports;

/// <summary>
/// report.md: GitHub-flavoured, pasteable into a ticket. A summary table, then each check that is
/// not a pass with its details (first rows only; report.json has them all), why it matters, and
/// the fix; then the detail lines of passing checks. The HTML report is rendered from this text.
/// </summary>
public sealed class MarkdownReportRenderer : IReportRenderer
{
    public const int MaxDetailRows = 50;

    public string Format => "md";

    public string FileName => "report.md";

    public string Render(Report report)
    {
        var md = new StringBuilder();
        md.AppendLine("# Cargo Doctor report").AppendLine();
        if (report.OtherTarget is { } otherTarget)
        {
            md.AppendLine($"> **Warning:** {MarkdownText.Escape(otherTarget)}").AppendLine();
        }

        md.AppendLine($"**{report.Verdict}**").AppendLine();
        md.AppendLine(string.Join(" · ", new[] { CheckStatus.Fail, CheckStatus.Warn, CheckStatus.Unknown, CheckStatus.Accepted, CheckStatus.Skipped, CheckStatus.Pass }
            .Select(s => $"{StatusMark.Symbol(s)} {report.Count(s)} {StatusMark.Word(s)}"))).AppendLine();
        AppendTarget(md, report);

        md.AppendLine("## Checks").AppendLine();
        md.AppendLine("| | Check | Result | Time |").AppendLine("|---|---|---|---|");
        foreach (var entry in report.WorstFirst())
        {
            var since = report.MarkAgainstBaseline(entry) is { } mark ? $" ({mark} since the baseline)" : "";
            md.AppendLine($"| {StatusMark.Symbol(entry.Finding.Status)} {StatusMark.Word(entry.Finding.Status)}{since} | `{entry.Check.Id}` {MarkdownText.Escape(entry.Check.Title)} | {MarkdownText.Escape(entry.Finding.Summary)} | {ReportHeader.Duration(entry.Finding.Duration)} |");
        }

        md.AppendLine();
        AppendCouldNotRun(md, report);
        foreach (var entry in report.WorstFirst().Where(e => e.Finding.Status is not CheckStatus.Pass and not CheckStatus.Skipped))
        {
            AppendFinding(md, report, entry);
        }

        AppendPassDetails(md, report);
        md.Append(RecentFailuresSection.Markdown(report));
        AppendNotes(md, report);
        AppendProbeStatements(md, report);
        return md.ToString();
    }

    /// <summary>Every statement the live probes sent, so a customer sees exactly what ran as the Cargo user.</summary>
    private static void AppendProbeStatements(StringBuilder md, Report report)
    {
        var statements = report.Facts.Probes?.Statements ?? [];
        if (statements.Count == 0)
        {
            return;
        }

        md.AppendLine("## Appendix: statements run by probes").AppendLine();
        md.AppendLine("In order, logged in as the Cargo user (`cleanup` = dropping scratch schemas).").AppendLine();
        for (var i = 0; i < statements.Count;)
        {
            // One block per run of consecutive statements of the same probe, in the order they ran.
            var (probe, database) = (statements[i].ProbeId, statements[i].Database);
            var block = statements.Skip(i).TakeWhile(s => s.ProbeId == probe && s.Database == database).Select(s => s.Sql.TrimEnd().TrimEnd(';') + ";").ToList();
            md.AppendLine($"`{MarkdownText.Escape(probe)}` in database {MarkdownText.Escape(database)}:").AppendLine();
            md.Append(MarkdownText.Fence(string.Join("\n", block), "sql")).AppendLine();
            i += block.Count;
        }
    }

    /// <summary>
    /// The detail lines of passing checks (e.g. where each privilege comes from, "granted via"),
    /// after the problems, so a support engineer can tell a customer which grant to keep.
    /// </summary>
    private static void AppendPassDetails(StringBuilder md, Report report)
    {
        var entries = report.WorstFirst().Where(e => e.Finding.Status == CheckStatus.Pass && e.Finding.Details.Count > 0).ToList();
        if (entries.Count == 0)
        {
            return;
        }

        md.AppendLine("## Details of passing checks").AppendLine();
        foreach (var entry in entries)
        {
            var details = entry.Finding.Details;
            md.AppendLine($"`{entry.Check.Id}`: {MarkdownText.Escape(entry.Finding.Summary)}").AppendLine();
            md.Append(MarkdownText.Fence(string.Join("\n", details.Take(MaxDetailRows)), "text"));
            if (details.Count > MaxDetailRows)
            {
                md.AppendLine($"… and {details.Count - MaxDetailRows} more ({details.Count} in all; report.json lists every one).");
            }

            md.AppendLine();
        }
    }

    private static void AppendTarget(StringBuilder md, Report report)
    {
        md.AppendLine("| Target | |").AppendLine("|---|---|");
        foreach (var (name, value) in ReportHeader.Rows(report))
        {
            md.AppendLine($"| {name} | {MarkdownText.Escape(value)} |");
        }

        md.AppendLine();
    }

    private static void AppendCouldNotRun(StringBuilder md, Report report)
    {
        var entries = ReportHeader.CouldNotRun(report).ToList();
        if (entries.Count == 0)
        {
            return;
        }

        md.AppendLine("## Could not run").AppendLine();
        foreach (var entry in entries)
        {
            md.AppendLine($"- `{entry.Check.Id}` ({StatusMark.Word(entry.Finding.Status)}): {MarkdownText.Escape(entry.Finding.Summary)}");
        }

        md.AppendLine();
    }

    private static void AppendFinding(StringBuilder md, Report report, ReportEntry entry)
    {
        var (check, finding) = (entry.Check, entry.Finding);
        md.AppendLine($"### {StatusMark.Symbol(finding.Status)} `{check.Id}`: {MarkdownText.Escape(check.Title)}").AppendLine();
        md.AppendLine($"**{StatusMark.Word(finding.Status).ToUpperInvariant()}**: {MarkdownText.Escape(finding.Summary)}").AppendLine();
        if (finding.Details.Count > 0)
        {
            var shown = finding.Details.Take(MaxDetailRows).ToList();
            md.Append(MarkdownText.Fence(string.Join("\n", shown), "text"));
            if (finding.Details.Count > shown.Count)
            {
                md.AppendLine($"… and {finding.Details.Count - shown.Count} more ({finding.Details.Count} in all; report.json lists every one).");
            }

            md.AppendLine();
        }

        if (report.NewSinceBaseline(entry) is { Count: > 0 } fresh)
        {
            md.AppendLine($"**New since the baseline** ({fresh.Count}):").AppendLine();
            md.Append(MarkdownText.Fence(string.Join("\n", fresh.Take(MaxDetailRows).Select(i => i.Text)), "text")).AppendLine();
        }

        if (AcceptItemsSnippet.Shown(finding))
        {
            md.AppendLine(finding.Status == CheckStatus.Accepted
                ? "**Name what this acceptance accepts**: replace its entry in the config file's `accept:` list with these items, so that it stops applying when the check fails on something else:"
                : "**To accept exactly this** (it stops applying when the check fails on anything else), paste under `accept:` in the config file and fill in reason, owner and expires:").AppendLine();
            md.Append(MarkdownText.Fence(AcceptItemsSnippet.Yaml(check.Id, finding), "yaml")).AppendLine();
        }

        if (finding.Status is CheckStatus.Fail or CheckStatus.Warn && check.Why.Length > 0)
        {
            md.AppendLine("**Why it matters.** " + check.Why).AppendLine();
        }

        if (finding.Remediation.Count > 0)
        {
            md.AppendLine("**How to fix**").AppendLine();
            foreach (var step in finding.Remediation)
            {
                md.Append(step.Kind switch
                {
                    "console" => step.Text + "\n",
                    var kind => MarkdownText.Fence(CapLines(step.Text), kind switch { "text" => "", "sql-alternative" => "sql", _ => kind }),
                }).AppendLine();
            }
        }
    }

    /// <summary>Thousands of GRANT lines help nobody in a ticket; report.json and fix.sql keep them all.</summary>
    private static string CapLines(string text)
    {
        var lines = text.Split('\n');
        return lines.Length <= MaxDetailRows
            ? text
            : string.Join("\n", lines.Take(MaxDetailRows)) + $"\n-- … and {lines.Length - MaxDetailRows} more statements (see report.json)";
    }

    private static void AppendNotes(StringBuilder md, Report report)
    {
        if (report.Facts.Notes.Count == 0)
        {
            return;
        }

        md.AppendLine("## Notes").AppendLine();
        foreach (var note in report.Facts.Notes)
        {
            md.AppendLine($"- {MarkdownText.Escape(note)}");
        }

        md.AppendLine();
    }
}
