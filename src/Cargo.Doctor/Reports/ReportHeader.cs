using System.Globalization;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>
/// The header every human-readable format shows: what was checked, against what, by which version,
/// when, for how long, and which checks could not run and why.
/// </summary>
public static class ReportHeader
{
    public static IReadOnlyList<(string Name, string Value)> Rows(Report report)
    {
        var f = report.Facts;
        var t = f.Target;
        var rows = new List<(string, string?)>
        {
            ("Endpoint", t.Host is null ? null : $"{t.Host}:{t.Port}"),
            ("Databases", t.Databases.Count == 0 ? null : string.Join(", ", t.Databases)),
            ("Schemas", t.Schemas.Count == 0 ? null : string.Join(", ", t.Schemas)),
            ("Cargo user", t.User),
            ("Logged in as", t.LoginUser),
            ("Function role", t.FunctionRole),
            ("Region", t.Region),
            ("Cluster", t.ClusterIdentifier),
            ("Workgroup", t.Workgroup),
            ("Checks", Checked(report)),
            ("Tool", Tool(report)),
            ("Started", f.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            ("Duration", $"{report.Duration.TotalSeconds:0.0} s"),
            ("Fails on", report.FailOn.Word()),
            ("Redacted", f.Redacted ? "yes: names, hosts, IPs and account ids are tokens" : null),
        };
        return rows.Where(r => r.Item2 is not null).Select(r => (r.Item1, r.Item2!)).ToList();
    }

    /// <summary>Checks that did not produce a verdict (skipped or unknown), with the reason.</summary>
    public static IEnumerable<ReportEntry> CouldNotRun(Report report) =>
        report.Entries.Where(e => e.Finding.Status is CheckStatus.Skipped or CheckStatus.Unknown);

    public static string Duration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1000
            ? $"{duration.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms"
            : $"{duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    /// <summary>The version writing the report, and the one that gathered the facts when a replay differs.</summary>
    public static string Tool(Report report) =>
        report.Facts.ToolVersion == ToolVersion.Current
            ? $"cargo-doctor {ToolVersion.Current}"
            : $"cargo-doctor {ToolVersion.Current} (facts gathered by cargo-doctor {report.Facts.ToolVersion})";

    private static string Checked(Report report)
    {
        var areas = report.Entries.GroupBy(e => e.Check.Area).Select(g => $"{g.Key} ({g.Count()})");
        var evaluated = report.Entries.Count(e => !e.Finding.NotSelected);
        return $"{evaluated} of {report.Entries.Count} evaluated: {string.Join(", ", areas)}";
    }
}
