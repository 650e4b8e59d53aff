namespace Cargo.Doctor.Fleet;

/// <summary>Writes the fleet summary in every format next to the target folders; a file that cannot be written is reported, not thrown.</summary>
public static class FleetSummaryWriter
{
    public static (IReadOnlyList<string> Written, IReadOnlyList<(string Path, string Reason)> Unwritten) Write(FleetSummary summary, string outDir)
    {
        var written = new List<string>();
        var unwritten = new List<(string, string)>();
        foreach (var (file, render) in new (string, Func<FleetSummary, string>)[]
        {
            (FleetSummaryMarkdown.FileName, FleetSummaryMarkdown.Render),
            (FleetSummaryHtml.FileName, FleetSummaryHtml.Render),
            (FleetSummaryJson.FileName, FleetSummaryJson.Render),
            (FleetSummaryJunit.FileName, FleetSummaryJunit.Render),
        })
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
