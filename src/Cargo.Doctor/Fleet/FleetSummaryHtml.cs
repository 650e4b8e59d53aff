using System.Net;
using System.Text;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Fleet;

/// <summary>fleet-summary.html: the target x check matrix, one page, every text HTML-escaped.</summary>
public static class FleetSummaryHtml
{
    public const string FileName = FleetSummary.BaseName + ".html";

    public static string Render(FleetSummary summary)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cargo Doctor fleet summary</title>");
        html.AppendLine("<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}" +
            ".pass{background:#e6f4ea}.fail{background:#fce8e6}.warn{background:#fef7e0}.unknown{background:#eee}.accepted{background:#e8f0fe}</style></head><body>");
        html.AppendLine("<h1>Cargo Doctor fleet summary</h1>");
        html.AppendLine($"<p>{summary.Targets.Count} target(s): {E(summary.Counts)}; exit code {summary.ExitCode}.</p>");
        if (summary.StoppedNote is { } stopped)
        {
            html.AppendLine($"<p>{E(stopped)}</p>");
        }

        html.Append("<table><thead><tr><th>target</th><th>outcome</th><th>report</th>");
        foreach (var id in summary.CheckIds)
        {
            html.Append($"<th>{E(id)}</th>");
        }

        html.AppendLine("</tr></thead><tbody>");
        foreach (var target in summary.Targets)
        {
            var link = FleetSummary.MainReport(target) is { } report ? $"<a href=\"{E(report)}\">report</a>" : "(not written)";
            html.Append($"<tr><td>{E(target.Name)}</td><td>{E(target.Outcome)}</td><td>{link}</td>");
            foreach (var id in summary.CheckIds)
            {
                var word = summary.Status(target, id) is { } s ? CheckStatusWords.Word(s) : "–";
                html.Append($"<td class=\"{E(word)}\">{E(word)}</td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</tbody></table>");
        foreach (var target in summary.Targets.Where(t => t.Error is not null))
        {
            html.AppendLine($"<p>{E(target.Name)}: could not be checked: {E(target.Error!)}</p>");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
