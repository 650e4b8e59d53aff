using System.Net;
using System.Text;
using Cargo.Doctor.Findings;
using Markdig;

namespace Cargo.Doctor.Reports;

/// <summary>
/// report.html: one self-contained page (inline CSS, no script, no external request, a CSP that
/// forbids both) readable on a phone and in print. A summary bar, the header, then each check as a
/// collapsible section, failures first and open. Every customer string is HTML-encoded; catalog
/// prose (Markdown) goes through Markdig with raw HTML disabled.
/// </summary>
public sealed class HtmlReportRenderer : IReportRenderer
{
    /// <summary>Detail lines shown before the rest fold into "all N lines".</summary>
    public const int VisibleDetailLines = 12;

    /// <summary>Longer fixes (e.g. one GRANT per table) start folded.</summary>
    public const int VisibleFixLines = 30;

    private static readonly MarkdownPipeline Prose = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    private static readonly CheckStatus[] Statuses = [CheckStatus.Fail, CheckStatus.Warn, CheckStatus.Unknown, CheckStatus.Accepted, CheckStatus.Skipped, CheckStatus.Pass];

    public string Format => "html";

    public string FileName => "report.html";

    public string Render(Report report)
    {
        var html = new StringBuilder();
        var title = E($"Cargo Doctor report: {report.Facts.Target.Host ?? "saved facts"}");
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="referrer" content="no-referrer">
            <title>{title}</title>
            <style>{ReportStyle.Css}</style>
            </head>
            <body>
            <main>

            """);
        AppendSummary(html, report);
        if (report.OtherTarget is { } otherTarget)
        {
            html.AppendLine($"<p class=\"verdict s-warn\" role=\"alert\"><b>Warning:</b> {E(otherTarget)}</p>");
        }

        AppendHeader(html, report);
        AppendCouldNotRun(html, report);
        html.AppendLine("<section><h2>Checks</h2>");
        foreach (var entry in report.WorstFirst())
        {
            AppendCheck(html, entry, report.MarkAgainstBaseline(entry), report.NewSinceBaseline(entry));
        }

        html.AppendLine("</section>");
        html.Append(RecentFailuresSection.Html(report));
        AppendNotes(html, report);
        AppendProbeStatements(html, report);
        html.AppendLine($"<footer>{E(ReportHeader.Tool(report))} · report.json has every detail · fix.sql and fix-aws.sh hold the fixes (review before running)</footer>");
        html.AppendLine("</main>\n</body>\n</html>");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, Report report)
    {
        var worst = report.Entries.Count == 0 ? CheckStatus.Pass : report.Entries.Max(e => e.Finding.Status);
        html.AppendLine("<header>");
        html.AppendLine("<h1>Cargo Doctor report</h1>");
        html.AppendLine($"<p class=\"verdict s-{StatusMark.Word(worst)}\">{E(report.Verdict)}</p>");
        var label = string.Join(", ", Statuses.Select(s => $"{report.Count(s)} {StatusMark.Word(s)}"));
        html.AppendLine($"<div class=\"bar\" role=\"img\" aria-label=\"{E(label)}\">");
        foreach (var status in Statuses.Where(s => report.Count(s) > 0))
        {
            html.AppendLine($"<span class=\"seg s-{StatusMark.Word(status)}\" style=\"flex-grow:{report.Count(status)}\"></span>");
        }

        html.AppendLine("</div>");
        html.AppendLine("<ul class=\"counts\">");
        foreach (var status in Statuses)
        {
            html.AppendLine($"<li class=\"s-{StatusMark.Word(status)}\"><span class=\"mark\">{E(StatusMark.Symbol(status))}</span> <b>{report.Count(status)}</b> {StatusMark.Word(status)}</li>");
        }

        html.AppendLine("</ul>");
        html.AppendLine("</header>");
    }

    private static void AppendHeader(StringBuilder html, Report report)
    {
        html.AppendLine("<section><h2>What was checked</h2>");
        html.AppendLine("<table class=\"target\"><tbody>");
        foreach (var (name, value) in ReportHeader.Rows(report))
        {
            html.AppendLine($"<tr><th scope=\"row\">{E(name)}</th><td>{E(value)}</td></tr>");
        }

        html.AppendLine("</tbody></table></section>");
    }

    private static void AppendCouldNotRun(StringBuilder html, Report report)
    {
        var entries = ReportHeader.CouldNotRun(report).ToList();
        if (entries.Count == 0)
        {
            return;
        }

        html.AppendLine($"<section><h2>Could not run ({entries.Count})</h2><ul class=\"could-not-run\">");
        foreach (var entry in entries)
        {
            html.AppendLine($"<li><span class=\"badge s-{StatusMark.Word(entry.Finding.Status)}\">{StatusMark.Word(entry.Finding.Status)}</span> <code>{E(entry.Check.Id)}</code>: {E(entry.Finding.Summary)}</li>");
        }

        html.AppendLine("</ul></section>");
    }

    private static void AppendCheck(StringBuilder html, ReportEntry entry, string? baselineMark, IReadOnlyList<DetailItem> newSinceBaseline)
    {
        var (check, finding) = (entry.Check, entry.Finding);
        var word = StatusMark.Word(finding.Status);
        var open = finding.Status is CheckStatus.Fail or CheckStatus.Warn or CheckStatus.Unknown ? " open" : "";
        html.AppendLine($"<details class=\"check s-{word}\" id=\"check-{E(check.Id)}\"{open}>");
        html.AppendLine($"<summary><span class=\"badge s-{word}\">{E(StatusMark.Symbol(finding.Status))} {word}</span>{(baselineMark is null ? "" : $" <span class=\"dur\">({E(baselineMark)} since the baseline)</span>")} <code>{E(check.Id)}</code> <span class=\"title\">{E(check.Title)}</span> <span class=\"dur\">{E(ReportHeader.Duration(finding.Duration))}</span><span class=\"line\">{E(finding.Summary)}</span></summary>");
        html.AppendLine("<div class=\"body\">");
        AppendLines(html, finding.Details, VisibleDetailLines, "detail lines");
        if (newSinceBaseline.Count > 0)
        {
            html.AppendLine($"<h4>New since the baseline ({newSinceBaseline.Count})</h4>");
            AppendLines(html, newSinceBaseline.Select(i => i.Text).ToList(), VisibleDetailLines, "new lines");
        }

        if (AcceptItemsSnippet.Shown(finding))
        {
            html.AppendLine(finding.Status == CheckStatus.Accepted
                ? "<h4>Name what this acceptance accepts</h4><p>Replace its entry in the config file's <code>accept:</code> list with these items, so that it stops applying when the check fails on something else:</p>"
                : "<h4>To accept exactly this</h4><p>Paste under <code>accept:</code> in the config file and fill in reason, owner and expires; it stops applying when the check fails on anything else:</p>");
            AppendLines(html, AcceptItemsSnippet.Yaml(check.Id, finding).TrimEnd('\n').Split('\n'), VisibleFixLines, "lines", "yaml");
        }

        if (finding.Status is CheckStatus.Fail or CheckStatus.Warn && check.Why.Length > 0)
        {
            html.AppendLine($"<div class=\"why\"><h4>Why it matters</h4>{Markdown.ToHtml(check.Why, Prose)}</div>");
        }

        if (finding.Remediation.Count > 0)
        {
            html.AppendLine("<div class=\"fix\"><h4>How to fix</h4>");
            foreach (var step in finding.Remediation)
            {
                if (step.Kind == "console")
                {
                    html.AppendLine(Markdown.ToHtml(step.Text, Prose));
                }
                else
                {
                    AppendLines(html, step.Text.Split('\n'), VisibleFixLines, $"{step.Kind} lines", step.Kind);
                }
            }

            html.AppendLine("</div>");
        }

        if (check.HowVerified.Length > 0)
        {
            html.AppendLine($"<details class=\"how\"><summary>How it is verified</summary>{Markdown.ToHtml(check.HowVerified, Prose)}</details>");
        }

        html.AppendLine("</div></details>");
    }

    /// <summary>A block of lines; past <paramref name="visible"/> lines, the whole block folds behind a summary.</summary>
    private static void AppendLines(StringBuilder html, IReadOnlyList<string> lines, int visible, string what, string kind = "text")
    {
        if (lines.Count == 0)
        {
            return;
        }

        var cls = $" class=\"{E(kind)}\"";
        if (lines.Count <= visible)
        {
            html.AppendLine($"<pre{cls}><code>{E(string.Join("\n", lines))}</code></pre>");
            return;
        }

        html.AppendLine($"<pre{cls}><code>{E(string.Join("\n", lines.Take(visible)))}</code></pre>");
        html.AppendLine($"<details class=\"more\"><summary>All {lines.Count} {E(what)}</summary><pre{cls}><code>{E(string.Join("\n", lines))}</code></pre></details>");
    }

    private static void AppendNotes(StringBuilder html, Report report)
    {
        if (report.Facts.Notes.Count == 0)
        {
            return;
        }

        html.AppendLine("<section><h2>Notes</h2><ul>");
        foreach (var note in report.Facts.Notes)
        {
            html.AppendLine($"<li>{E(note)}</li>");
        }

        html.AppendLine("</ul></section>");
    }

    private static void AppendProbeStatements(StringBuilder html, Report report)
    {
        var statements = report.Facts.Probes?.Statements ?? [];
        if (statements.Count == 0)
        {
            return;
        }

        html.AppendLine($"<section><details class=\"more\"><summary>Statements run by probes ({statements.Count})</summary>");
        html.AppendLine($"<pre class=\"sql\"><code>{E(string.Join("\n", statements))}</code></pre></details></section>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
