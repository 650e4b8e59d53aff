using System.Text.Json;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports.Sarif;

/// <summary>
/// report.sarif (SARIF 2.1.0) for GitHub code scanning: one rule per check (catalog text as help,
/// default level from its severity), one result per detail item of a failing or warning check (and of
/// an unknown one that fails the run), fingerprinted by the item's identity
/// (<see cref="FindingItemIdentity"/>) so an alert closes when that item is fixed. Each result has a
/// logical location (warehouse / database / schema / table, or the IAM role's ARN) and, with an
/// <see cref="Anchor"/>, the line of a repository file: code scanning rejects results without one.
/// </summary>
public sealed class SarifReportRenderer(SarifAnchor? anchor = null) : IReportRenderer
{
    /// <summary>Said in the log (and by the CLI) when there is no file to anchor to.</summary>
    public const string NoAnchorNote =
        "report.sarif has logical locations only (no --config and no --sarif-anchor): GitHub code scanning rejects results without a file location";

    /// <summary>
    /// Code scanning rejects a whole run of more than 25,000 results ("Analysis SARIF file rejected due to
    /// result limits", https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit):
    /// the worst ones are kept and the run says how many were left out.
    /// </summary>
    public const int MaxResults = 25_000;

    /// <summary>The fingerprint's name: its version changes if the identity's form ever does.</summary>
    public const string FingerprintName = "cargoDoctorItem/v1";

    public SarifAnchor? Anchor => anchor;

    public string Format => "sarif";

    public string FileName => "report.sarif";

    public string Render(Report report)
    {
        var rules = report.Entries.Select(e => e.Check).DistinctBy(c => c.Id).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var all = report.WorstFirst()
            .Where(e => Level(report, e) is not null)
            .SelectMany(e => Results(report, e, ruleIndex[e.Check.Id]))
            .ToList();
        var results = all.Take(MaxResults).ToList();
        var notes = new List<SarifNotification>();
        if (anchor is null)
        {
            notes.Add(new SarifNotification(new SarifText(NoAnchorNote), "warning"));
        }

        if (all.Count > MaxResults)
        {
            notes.Add(new SarifNotification(new SarifText(
                $"{all.Count - MaxResults} more results left out: code scanning rejects a run of more than {MaxResults}; report.json lists every item"), "warning"));
        }

        var log = new SarifLog
        {
            Runs =
            [
                new SarifRun(
                    new SarifTool(new SarifDriver("cargo-doctor", ToolVersion.Current, rules.Select(Rule).ToList())),
                    [new SarifInvocation(true, notes.Count > 0 ? notes : null)],
                    results),
            ],
        };
        return JsonSerializer.Serialize(log, SarifJsonContext.Default.SarifLog) + "\n";
    }

    /// <summary>error for a failure, warning for a warning (or an unknown that fails the run); null: no result.</summary>
    public static string? Level(Report report, ReportEntry entry) => entry.Finding.Status switch
    {
        CheckStatus.Fail => "error",
        CheckStatus.Warn => "warning",
        CheckStatus.Unknown when report.Counts(entry) => "warning",
        _ => null,
    };

    private static SarifRule Rule(CheckDescriptor check) => new(
        check.Id,
        PascalName(check.Id),
        new SarifText(check.Title),
        new SarifText(check.Why.Trim().Length > 0 ? check.Why.Trim() : check.Title),
        new SarifMarkdown(check.Body.Trim().Length > 0 ? check.Body.Trim() : check.Title, check.Body.Trim().Length > 0 ? check.Body.Trim() : check.Title),
        new SarifConfiguration(check.Severity == Severity.Error ? "error" : "warning"),
        new SarifRuleProperties(["cargo-doctor", check.Area]));

    private IEnumerable<SarifResult> Results(Report report, ReportEntry entry, int index)
    {
        var finding = entry.Finding;
        // Lines without a key (a probe's statement, its SQLSTATE) are context, and may name per-run
        // objects: such a finding is one item named by its status, as acceptances name a finding
        // without items, so its alert stays the same alert from run to run.
        var keyed = finding.Items.Where(i => i.Key is not null).DistinctBy(i => i.Identity).ToList();
        List<(ItemKey Key, string Message)> items = keyed.Count > 0
            ? keyed.Select(i => (i.Identity, $"{i.Text} ({entry.Check.Id}: {finding.Summary})")).ToList()
            : [(ItemKey.Of(("status", StatusMark.Word(finding.Status))), string.Join("\n", finding.Details.Prepend(finding.Summary)))];
        foreach (var (key, message) in items)
        {
            var identity = FindingItemIdentity.Of(entry.Check.Id, key);
            var physical = anchor is null ? null : new SarifPhysicalLocation(new SarifArtifactLocation(anchor.Uri), anchor.Region(anchor.LineFor(key)));
            yield return new SarifResult(
                entry.Check.Id,
                index,
                Level(report, entry)!,
                new SarifText(message),
                [new SarifLocation(physical, SarifLogicalPlace.Of(report, entry, key))],
                new Dictionary<string, string> { [FingerprintName] = identity },
                new Dictionary<string, string> { [FingerprintName] = identity });
        }
    }

    /// <summary><c>db.schema-usage</c> → <c>DbSchemaUsage</c> (the validator's SARIF2012 asks for Pascal-case rule names).</summary>
    private static string PascalName(string id) =>
        string.Concat(id.Split('.', '-', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
