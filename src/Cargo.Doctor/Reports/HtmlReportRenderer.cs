using System.Net;
using Markdig;

namespace Cargo.Doctor.Reports;

/// <summary>
/// report.html: the Markdown report rendered by Markdig, with raw HTML disabled (so a table named
/// <c>&lt;script&gt;</c> stays text) and an inline stylesheet: no script, no external request.
/// </summary>
public sealed class HtmlReportRenderer : IReportRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers()
        .DisableHtml()
        .Build();

    private readonly MarkdownReportRenderer _markdown = new();

    public string Format => "html";

    public string FileName => "report.html";

    public string Render(Report report)
    {
        var body = Markdown.ToHtml(_markdown.Render(report), Pipeline);
        var title = WebUtility.HtmlEncode($"Cargo Doctor report: {report.Facts.Target.Host ?? "saved facts"}");
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>{title}</title>
            <style>{ReportStyle.Css}</style>
            </head>
            <body>
            <main>
            {body}
            </main>
            </body>
            </html>
            """;
    }
}
