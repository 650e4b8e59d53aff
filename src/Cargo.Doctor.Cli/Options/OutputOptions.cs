using System.CommandLine;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.Cli.Options;

/// <summary>Where and in which formats reports are written.</summary>
internal sealed class OutputOptions
{
    public Option<string> Out { get; } = new("--out") { HelpName = "dir", Description = "Folder for the reports", DefaultValueFactory = _ => "cargo-doctor-report" };

    public Option<string[]> Format { get; } = new("--format") { HelpName = "md,html,json,junit", Description = "Report formats, comma-separated: md, html, json, junit (default md, html, json); fix.sql and fix-aws.sh are always written" };

    public Option<bool> Redact { get; } = new("--redact") { Description = "Replace account ids, hosts, IPs and your object names with tokens in every report and the facts file, for a support ticket" };

    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Format);
        command.Options.Add(Redact);
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
