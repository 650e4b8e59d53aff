using System.Globalization;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.ProbeErrors;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Rules.Probes;

namespace Cargo.Doctor.Rules.History;

/// <summary>
/// history.recent-failures: the Cargo user's failed statements of the last days, grouped by cause:
/// warn when one had a setup cause (or none known), pass when none did, unknown when the rows cannot be seen.
/// </summary>
public sealed class RecentFailuresRule : IRule
{
    public const string Id = "history.recent-failures";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (context.Facts.Warehouse is not { } warehouse)
        {
            return context.Skipped("the warehouse was not examined (no --endpoint given)");
        }

        if (warehouse.History is not { } history)
        {
            return context.Skipped("the statement history was not read (--history-days 0, or the Cargo user does not exist)");
        }

        if (history.Gap is { } gap)
        {
            return context.Unknown($"the Cargo user's statement history could not be seen: {gap}");
        }

        var groups = FailureGroup.Of(history);
        var window = $"in the last {history.Days} day{(history.Days == 1 ? "" : "s")}";
        var capped = history.Capped ? $" (the newest {history.Failures.Count} read)" : "";
        var s3Denial = S3Denial(context.Facts, history);
        var items = groups.Select(g => new DetailItem(Line(g, g.Cause == S3AccessDeniedCause ? s3Denial : ""), ItemKey.Of(("cause", g.Cause)))).ToList();
        var attention = groups.Where(g => g.NeedsAttention).Sum(g => g.Count);
        if (attention > 0)
        {
            return context.WarnItems(
                $"{attention} of Cargo's statements failed for a setup reason or an unknown one {window}{capped}",
                items,
                context.Remedy("see-checks"));
        }

        return context.PassItems(
            groups.Count == 0
                ? $"none of Cargo's statements failed {window}"
                : $"{groups.Sum(g => g.Count)} of Cargo's statements failed {window}{capped}, none for a setup reason",
            items);
    }

    private static readonly string S3AccessDeniedCause = CauseNames.Of(ProbeErrorCause.S3AccessDenied);

    /// <summary>
    /// With AWS facts, whose policy refused Cargo's S3 requests, as probe.copy-round-trip tells it: the endpoint policy,
    /// the role chain, or either (<see cref="S3DenialAttribution"/>). Without AWS facts nothing is added.
    /// </summary>
    private static string S3Denial(FactsSnapshot facts, HistoryFacts history)
    {
        var newest = history.Failures.Where(f => ProbeErrorClassifier.Classify(f.Message) == ProbeErrorCause.S3AccessDenied && S3DenialAttribution.IsAccessDenied(f.Message))
            .MaxBy(f => f.StartTime);
        if (facts.Aws is null || newest is null)
        {
            return "";
        }

        var kind = newest.QueryType ?? newest.Statement?.TrimStart().Split(' ', 2)[0] ?? "";
        var step = kind.ToUpperInvariant() switch
        {
            "COPY" => "copy",
            "UNLOAD" => "unload",
            _ => S3DenialAttribution.AnyStep,
        };
        var denial = S3DenialAttribution.Attribute(facts, null, step);
        return denial.Side switch
        {
            S3DenialSide.EndpointPolicy => $"; refused by the S3 VPC endpoint policy of {denial.EndpointId} ({denial.Reason}; see {DataPathRule.Id})",
            S3DenialSide.RoleChain => $"; refused by the role chain, on Cargo's side ({denial.Reason})",
            _ => $"; the role chain or an S3 VPC endpoint policy ({denial.Reason})",
        };
    }

    private static string Line(FailureGroup g, string attribution) => string.Create(CultureInfo.InvariantCulture,
        $"{g.Cause}{(g.Likely ? " (likely)" : "")}: {g.Count} failure{(g.Count == 1 ? "" : "s")}, first {g.First:yyyy-MM-dd HH:mm}Z, last {g.Last:yyyy-MM-dd HH:mm}Z, {g.Explained}{attribution}; sample: {g.Sample}");
}
