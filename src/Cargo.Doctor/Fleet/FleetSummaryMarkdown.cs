using System.Text;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Fleet;

/// <summary>fleet-summary.md: one row per target, one column per check, a link to each target's report.</summary>
public static class FleetSummaryMarkdown
{
    public const string FileName = FleetSummary.BaseName + ".md";

    public static string Render(FleetSummary summary)
    {
        var md = new StringBuilder();
        md.AppendLine("# Cargo Doctor fleet summary").AppendLine();
        md.AppendLine($"{summary.Targets.Count} target(s): {summary.Counts}; exit code {summary.ExitCode}.").AppendLine();
        if (summary.StoppedNote is { } stopped)
        {
            md.AppendLine(stopped).AppendLine(); // the tool's own sentence: nothing to escape
        }

        md.AppendLine($"| target | outcome | report | {string.Join(" | ", summary.CheckIds.Select(Cell))} |");
        md.AppendLine($"|---|---|---|{string.Concat(summary.CheckIds.Select(_ => "---|"))}");
        foreach (var target in summary.Targets)
        {
            var link = FleetSummary.MainReport(target) is { } report ? $"[report](<{report}>)" : "(not written)";
            var cells = summary.CheckIds.Select(id => summary.Status(target, id) is { } s ? CheckStatusWords.Word(s) : "–");
            md.AppendLine($"| {Cell(target.Name)} | {target.Outcome} | {link} | {string.Join(" | ", cells)} |");
        }

        foreach (var target in summary.Targets.Where(t => t.Error is not null))
        {
            md.AppendLine().AppendLine($"{Cell(target.Name)}: could not be checked: {Cell(target.Error!)}");
        }

        return md.ToString();
    }

    /// <summary>Escaped for Markdown ('|' and line breaks included, so no text splits a table row).</summary>
    private static string Cell(string text) => MarkdownText.Escape(text);
}
