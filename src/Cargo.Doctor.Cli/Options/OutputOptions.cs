using System.CommandLine;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Reports.Sarif;

namespace Cargo.Doctor.Cli.Options;

/// <summary>Where and in which formats reports are written.</summary>
internal sealed class OutputOptions
{
    public Option<string> Out { get; } = new("--out") { HelpName = "dir", Description = "Folder for the reports", DefaultValueFactory = _ => "cargo-doctor-report" };

    public Option<string[]> Format { get; } = new("--format") { HelpName = "md,html,json,junit,sarif", Description = "Report formats, comma-separated: md, html, json, junit, sarif (default md, html, json); fix.sql and fix-aws.sh are always written" };

    public Option<bool> Redact { get; } = new("--redact") { Description = "Replace account ids, hosts, IPs and your object names with tokens in every report and the facts file, for a support ticket" };

    public Option<string?> SarifAnchor { get; } = new("--sarif-anchor") { HelpName = "file", Description = "Repository file report.sarif points at (its first line) when there is no --config: code scanning needs a file location" };

    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Format);
        command.Options.Add(Redact);
        command.Options.Add(SarifAnchor);
    }

    /// <summary>
    /// With --format sarif, the renderer anchored to --sarif-anchor (first line) or else the config file
    /// (the line naming each result's schema or the target); flags win over the config, as everywhere.
    /// </summary>
    public IReadOnlyList<IReportRenderer> AnchorSarif(ParseResult parse, IReadOnlyList<IReportRenderer> renderers, string? configPath, List<string> problems)
    {
        var flag = parse.GetValue(SarifAnchor);
        if (!renderers.Any(r => r is SarifReportRenderer))
        {
            if (flag is not null)
            {
                problems.Add("--sarif-anchor: only used with --format sarif");
            }

            return renderers;
        }

        var workspace = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE");
        var anchor = flag is not null ? SarifAnchorFile.Load(flag, "--sarif-anchor", isConfig: false, workspace, problems)
            // The config's own problems are the config loader's to report: an unreadable one only loses the anchor.
            : configPath is not null && File.Exists(configPath) ? SarifAnchorFile.Load(configPath, "--config", isConfig: true, workspace, [])
            : null;
        return renderers.Select(r => r is SarifReportRenderer ? new SarifReportRenderer(anchor) : r).ToList();
    }

    public IReadOnlyList<IReportRenderer> Renderers(ParseResult parse, List<string> problems)
    {
        var formats = parse.GetValue(Format) ?? [];
        var unknown = new List<string>();
        var renderers = ReportWriter.Select(formats.Length == 0 ? ReportWriter.DefaultFormats : formats, unknown);
        problems.AddRange(unknown.Select(name => $"--format '{name}': choose from {string.Join(", ", ReportWriter.All.Select(r => r.Format))}"));
        return renderers;
    }

    /// <summary>The --out folder, or null after recording why it cannot be used.</summary>
    public string? Folder(ParseResult parse, List<string> problems)
    {
        var folder = parse.GetValue(Out);
        var problem = OutputLocation.FolderProblem(folder, "--out");
        if (problem is not null)
        {
            problems.Add(problem);
        }

        return problem is null ? folder : null;
    }
}
