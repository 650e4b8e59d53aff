using System.Text.Json;

namespace Cargo.Doctor.Reports;

/// <summary>report.json: every finding with every detail line, for scripts and support tooling.</summary>
public sealed class JsonReportRenderer : IReportRenderer
{
    public const int SchemaVersion = 1;

    public string Format => "json";

    public string FileName => "report.json";

    public string Render(Report report)
    {
        var document = new JsonReportDocument(
            SchemaVersion,
            new JsonReportTool("cargo-doctor", Cargo.Doctor.ToolVersion.Current, report.Facts.ToolVersion),
            report.Facts.StartedAt,
            (long)report.Duration.TotalMilliseconds,
            report.Facts.Target,
            // How heavy the run was on the warehouse: constant whatever the number of tables.
            report.Facts.Warehouse?.StatementCount,
            report.Facts.Redacted,
            report.FailOn.Word(),
            report.Verdict,
            Enum.GetValues<Findings.CheckStatus>().ToDictionary(StatusMark.Word, report.Count),
            report.Entries.Select(e => Finding(report, e)).ToList(),
            report.Facts.Notes);
        return JsonSerializer.Serialize(document, JsonReportContext.Default.JsonReportDocument);
    }

    private static JsonReportFinding Finding(Report report, ReportEntry e) => new(
        e.Check.Id,
        StatusMark.Word(e.Finding.Status),
        e.Check.Title,
        e.Check.Severity.ToString().ToLowerInvariant(),
        e.Check.Area,
        e.Finding.Summary,
        e.Finding.Details,
        e.Finding.Remediation.Select(r => new JsonReportRemediation(r.Key, r.Kind, r.Text)).ToList(),
        Math.Round(e.Finding.Duration.TotalMilliseconds, 1),
        report.MarkAgainstBaseline(e),
        e.Finding.Acceptance is { } a
            ? new JsonReportAcceptance(a.Reason, a.Owner, a.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a.Match, StatusMark.Word(a.WasStatus), a.Expired)
            : null);
}
