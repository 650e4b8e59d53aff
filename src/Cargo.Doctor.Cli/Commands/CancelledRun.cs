using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Sources;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// A run stopped by SIGINT/SIGTERM still reports: checks of an area whose facts were fully gathered
/// are evaluated as usual; every check of an area the run did not finish is <c>unknown</c>,
/// "cancelled", since nothing was seen to pass or fail it.
/// </summary>
internal static class CancelledRun
{
    public const string Summary = "cancelled before this check's facts were gathered";

    public static (FactsSnapshot Facts, IReadOnlySet<string> UnfinishedAreas) WhatWasGathered(DoctorConfig config, FactsSnapshot? gathered, string signal)
    {
        var facts = gathered ?? new FactsSnapshot
        {
            ToolVersion = ToolVersion.Current,
            StartedAt = DateTimeOffset.UtcNow,
            Target = FactsCollector.Describe(config),
        };
        var unfinished = new HashSet<string>(StringComparer.Ordinal);
        if (config.Warehouse.Host is not null && facts.Warehouse is null)
        {
            unfinished.Add("warehouse");
        }

        if (config.Warehouse.Host is not null && facts.Probes is null)
        {
            unfinished.Add("probe");
        }

        if (config.Aws.IsConfigured && facts.Aws is null)
        {
            unfinished.UnionWith(["iam", "network"]);
        }

        var note = $"Cancelled by {signal} before gathering finished: the {string.Join(", ", unfinished.Order())} checks are unknown.";
        return (facts with { Notes = [.. facts.Notes, note] }, unfinished);
    }

    public static Finding Mark(Finding finding, CheckDescriptor check, IReadOnlySet<string> unfinishedAreas) =>
        unfinishedAreas.Contains(check.Area) && !finding.NotSelected
            ? new Finding { CheckId = finding.CheckId, Status = CheckStatus.Unknown, Summary = Summary }
            : finding;
}
