namespace Cargo.Doctor.Fleet;

/// <summary>
/// Writes the fleet summary next to the target folders in the report formats the run selected
/// (--format: md, html, json, junit; sarif has no summary of its own, and a run that selected none of
/// these still gets the JSON one, which `diff` reads); a file that cannot be written is reported, not thrown.
/// </summary>
public static class FleetSummaryWriter
{
    private static readonly (string Format, string File, Func<FleetSummary, string> Render)[] Formats =
    [
        ("md", FleetSummaryMarkdown.FileName, FleetSummaryMarkdown.Render),
        ("html", FleetSummaryHtml.FileName, FleetSummaryHtml.Render),
        ("json", FleetSummaryJson.FileName, FleetSummaryJson.Render),
        ("junit", FleetSummaryJunit.FileName, FleetSummaryJunit.Render),
    ];

    public static (IReadOnlyList<string> Written, IReadOnlyList<(string Path, string Reason)> Unwritten) Write(
        FleetSummary summary, string outDir, IReadOnlyCollection<string> formats)
    {
        var written = new List<string>();
        var unwritten = new List<(string, string)>();
        var selected = Formats.Where(f => formats.Contains(f.Format)).ToList();
        foreach (var (_, file, render) in selected.Count > 0 ? selected : Formats.Where(f => f.Format == "json"))
        {
            var path = Path.Combine(outDir, file);
            try
            {
                Directory.CreateDirectory(outDir);
                File.WriteAllText(path, render(summary));
                written.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unwritten.Add((path, e.Message));
            }
        }

        return (written, unwritten);
    }
}
