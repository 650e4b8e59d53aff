using Cargo.Doctor.Facts;

namespace Cargo.Doctor.ProbeErrors;

/// <summary>
/// The history's failures of one cause: how many, first and last seen, the checks that explain them
/// (the classifier's, shared with <c>diagnose</c>), and one shortened statement. The report section and
/// history.recent-failures both group with <see cref="Of"/>.
/// </summary>
public sealed record FailureGroup(string Cause, string Verdict, bool Likely, IReadOnlyList<string> Checks, int Count, DateTimeOffset First, DateTimeOffset Last, string Sample)
{
    /// <summary>The cause of a text no row of the classifier explains.</summary>
    public const string UnknownCause = "unknown";

    /// <summary>A setup problem, or one no check explains: both make the finding a warning.</summary>
    public bool NeedsAttention => Verdict != ProbeErrorClassifier.NotSetupCause;

    /// <summary>Groups by cause, most failures first (then by cause name, so the order is stable).</summary>
    public static IReadOnlyList<FailureGroup> Of(HistoryFacts history) =>
        history.Failures
            .GroupBy(f => ProbeErrorClassifier.Match(f.Message))
            .Select(g =>
            {
                var row = g.Key;
                var newest = g.MaxBy(f => f.StartTime)!;
                return new FailureGroup(
                    row is null ? UnknownCause : CauseNames.Of(row.Cause),
                    row is null ? UnknownCause : CauseNames.Verdict(row),
                    row is not null && !row.Confirmed,
                    row?.Checks ?? [],
                    g.Count(),
                    g.Min(f => f.StartTime),
                    newest.StartTime,
                    newest.Statement ?? newest.Message);
            })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Cause, StringComparer.Ordinal)
            .ToList();

    /// <summary>"explained by db.schema-usage", "not a setup problem", or "no check explains it".</summary>
    public string Explained => Verdict switch
    {
        ProbeErrorClassifier.NotSetupCause => "not a setup problem",
        UnknownCause => "no check explains it",
        _ => $"explained by {string.Join(", ", Checks)}",
    };
}
