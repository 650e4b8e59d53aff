using System.Text.Json;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>report.json: every finding with every detail line, for scripts and support tooling.</summary>
public sealed class JsonReportRenderer : IReportRenderer
{
    /// <summary>2 added targetIdentity, otherTarget and each finding's itemKeys and newItems.</summary>
    public const int SchemaVersion = 2;

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
            TargetIdentity.Of(report.Facts),
            report.OtherTarget,
            // How heavy the run was on the warehouse: constant whatever the number of tables.
            report.Facts.Warehouse?.StatementCount,
            report.Facts.Redacted,
            report.FailOn.Word(),
            report.Verdict,
            Enum.GetValues<Findings.CheckStatus>().ToDictionary(StatusMark.Word, report.Count),
            report.Entries.Select(e => Finding(report, e)).ToList(),
            report.Facts.Notes,
            RecentFailuresSection.Json(report));
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
        FindingItemIdentity.Keys(e.Finding).Select(k => k.Text).ToList(),
        e.Finding.Remediation.Select(r => new JsonReportRemediation(r.Key, r.Kind, r.Text)).ToList(),
        Math.Round(e.Finding.Duration.TotalMilliseconds, 1),
        report.MarkAgainstBaseline(e),
        report.NewSinceBaseline(e) is { Count: > 0 } fresh ? fresh.Select(i => i.Identity.Text).ToList() : null,
        e.Finding.Acceptance is { } a
            ? new JsonReportAcceptance(a.Reason, a.Owner, a.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a.Match, a.Items, StatusMark.Word(a.WasStatus), a.Expired)
            : null);
}
