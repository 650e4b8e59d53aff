using System.CommandLine;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.Cli.Options;

/// <summary>Where and in which formats reports are written.</summary>
internal sealed class OutputOptions
{
    public Option<string> Out { get; } = new("--out") { Description = "Folder for the reports", DefaultValueFactory = _ => "cargo-doctor-report" };

    public Option<string[]> Format { get; } = new("--format") { Description = "Report formats, comma-separated: md, html, json, junit (default md, html, json); fix.sql and fix-aws.sh are always written" };

    public Option<bool> Redact { get; } = new("--redact") { Description = "Replace account ids, hosts, IPs and your object names with tokens in every report and the facts file, for a support ticket" };

    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Format);
        command.Options.Add(Redact);
    }

    public IReadOnlyList<IReportRenderer> Renderers(ParseResult parse)
    {
        var formats = parse.GetValue(Format) ?? [];
        return ReportWriter.Select(formats.Length == 0 ? ReportWriter.DefaultFormats : formats);
    }
}
