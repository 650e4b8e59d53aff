using Cargo.Doctor.Reports.Sarif;

namespace Cargo.Doctor.Reports;

/// <summary>Writes the chosen formats into the output folder.</summary>
public static class ReportWriter
{
    public static IReadOnlyList<IReportRenderer> All { get; } =
        [new MarkdownReportRenderer(), new HtmlReportRenderer(), new JsonReportRenderer(), new JUnitReportRenderer(), new SarifReportRenderer()];

    /// <summary>Written with every report, whatever the formats: a stale fix script must never be left behind.</summary>
    public static IReadOnlyList<IReportRenderer> FixScripts { get; } = [new FixSqlRenderer(), new FixAwsScriptRenderer()];

    public static IReadOnlyList<string> DefaultFormats { get; } = ["md", "html", "json"];

    /// <summary>Resolves --format names; the names it does not know go to <paramref name="unknown"/> (the CLI reports them).</summary>
    public static IReadOnlyList<IReportRenderer> Select(IEnumerable<string> formats, ICollection<string> unknown)
    {
        var result = new List<IReportRenderer>();
        foreach (var name in formats.SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var renderer = All.FirstOrDefault(r => r.Format.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (renderer is null)
            {
                unknown.Add(name);
            }
            else if (!result.Contains(renderer))
            {
                result.Add(renderer);
            }
        }

        return result;
    }

    /// <summary>
    /// Writes each format on its own: one that cannot be written (disk full, a folder in the way)
    /// does not stop the others, and is listed with the reason.
    /// </summary>
    public static ReportFiles WriteEach(Report report, string directory, IEnumerable<IReportRenderer> renderers)
    {
        var written = new List<string>();
        var unwritten = new List<UnwrittenFile>();
        string? folderProblem = null;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            folderProblem = e.Message;
        }

        foreach (var renderer in renderers.Concat(FixScripts).Distinct())
        {
            var path = Path.Combine(directory, renderer.FileName);
            if (folderProblem is not null)
            {
                unwritten.Add(new UnwrittenFile(path, folderProblem));
                continue;
            }

            try
            {
                File.WriteAllText(path, renderer.Render(report));
                written.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unwritten.Add(new UnwrittenFile(path, e.Message));
            }
        }

        return new ReportFiles(written, unwritten);
    }
}
