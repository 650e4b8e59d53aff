using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Reports;

/// <summary>
/// report.json as written (schema in docs/schemas/report.schema.json): named records instead of
/// anonymous types so that <see cref="JsonReportContext"/> can generate the serializer at compile
/// time. The parameter order is the property order in the file; null properties are left out.
/// </summary>
internal sealed record JsonReportDocument(
    int SchemaVersion,
    JsonReportTool Tool,
    DateTimeOffset StartedAt,
    long DurationMs,
    TargetDescription Target,
    TargetIdentity TargetIdentity,
    string? OtherTarget,
    int? WarehouseStatements,
    bool Redacted,
    string FailOn,
    string Verdict,
    IReadOnlyDictionary<string, int> Summary,
    IReadOnlyList<JsonReportFinding> Findings,
    IReadOnlyList<string> Notes,
    JsonRecentFailures? RecentFailures = null);

internal sealed record JsonReportTool(string Name, string Version, string FactsGatheredBy);

internal sealed record JsonReportFinding(
    string CheckId,
    string Status,
    string Title,
    string Severity,
    string Area,
    string Summary,
    IReadOnlyList<string> Details,
    IReadOnlyList<string> ItemKeys,
    IReadOnlyList<JsonReportRemediation> Remediation,
    double DurationMs,
    string? Baseline,
    IReadOnlyList<string>? NewItems,
    JsonReportAcceptance? Acceptance);

internal sealed record JsonReportRemediation(string Key, string Kind, string Text);

internal sealed record JsonReportAcceptance(string Reason, string Owner, string Expires, string? Match, IReadOnlyList<string>? Items, string WasStatus, bool Expired);
