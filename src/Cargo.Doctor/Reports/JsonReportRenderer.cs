using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cargo.Doctor.Reports;

/// <summary>report.json: every finding with every detail line, for scripts and support tooling.</summary>
public sealed class JsonReportRenderer : IReportRenderer
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Format => "json";

    public string FileName => "report.json";

    public string Render(Report report)
    {
        var document = new
        {
            schemaVersion = SchemaVersion,
            tool = new { name = "cargo-doctor", version = Cargo.Doctor.ToolVersion.Current, factsGatheredBy = report.Facts.ToolVersion },
            startedAt = report.Facts.StartedAt,
            durationMs = (long)report.Duration.TotalMilliseconds,
            target = report.Facts.Target,
            // How heavy the run was on the warehouse: constant whatever the number of tables.
            warehouseStatements = report.Facts.Warehouse?.StatementCount,
            redacted = report.Facts.Redacted,
            failOn = report.FailOn.Word(),
            verdict = report.Verdict,
            summary = Enum.GetValues<Findings.CheckStatus>().ToDictionary(StatusMark.Word, report.Count),
            findings = report.Entries.Select(e => new
            {
                checkId = e.Check.Id,
                status = StatusMark.Word(e.Finding.Status),
                title = e.Check.Title,
                severity = e.Check.Severity.ToString().ToLowerInvariant(),
                area = e.Check.Area,
                summary = e.Finding.Summary,
                details = e.Finding.Details,
                remediation = e.Finding.Remediation.Select(r => new { key = r.Key, kind = r.Kind, text = r.Text }),
                durationMs = Math.Round(e.Finding.Duration.TotalMilliseconds, 1),
                baseline = report.MarkAgainstBaseline(e),
                acceptance = e.Finding.Acceptance is { } a
                    ? new { reason = a.Reason, owner = a.Owner, expires = a.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), match = a.Match, wasStatus = StatusMark.Word(a.WasStatus), expired = a.Expired }
                    : null,
            }),
            notes = report.Facts.Notes,
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
