namespace Cargo.Doctor.Reports;

/// <summary>Writes the chosen formats into the output folder.</summary>
public static class ReportWriter
{
    public static IReadOnlyList<IReportRenderer> All { get; } =
        [new MarkdownReportRenderer(), new HtmlReportRenderer(), new JsonReportRenderer(), new JUnitReportRenderer()];

    /// <summary>Written with every report, whatever the formats: a stale fix script must never be left behind.</summary>
    public static IReadOnlyList<IReportRenderer> FixScripts { get; } = [new FixSqlRenderer(), new FixAwsScriptRenderer()];

    public static IReadOnlyList<string> DefaultFormats { get; } = ["md", "html", "json"];

    /// <summary>Resolves --format names; an unknown one is a usage error.</summary>
    public static IReadOnlyList<IReportRenderer> Select(IEnumerable<string> formats)
    {
        var result = new List<IReportRenderer>();
        foreach (var name in formats.SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var renderer = All.FirstOrDefault(r => r.Format.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new Config.ConfigException($"--format '{name}': choose from {string.Join(", ", All.Select(r => r.Format))}");
            if (!result.Contains(renderer))
            {
                result.Add(renderer);
            }
        }

        return result;
    }

    public static IReadOnlyList<string> Write(Report report, string directory, IEnumerable<IReportRenderer> renderers)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var renderer in renderers.Concat(FixScripts).Distinct())
        {
            var path = Path.Combine(directory, renderer.FileName);
            File.WriteAllText(path, renderer.Render(report));
            written.Add(path);
        }

        return written;
    }
}
