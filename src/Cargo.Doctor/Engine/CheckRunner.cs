using System.Diagnostics;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;

namespace Cargo.Doctor.Engine;

/// <summary>
/// Evaluates every catalog check against one facts snapshot, in dependency order. A check whose
/// dependency failed is skipped ("blocked by"); a rule that throws becomes <c>unknown</c>, so one
/// bad rule never loses the rest of the report.
/// </summary>
public sealed class CheckRunner(CheckCatalog catalog, IReadOnlyDictionary<string, IRule> rules, CheckSelection? selection = null)
{
    public IReadOnlyList<Finding> Run(FactsSnapshot facts, Action<Finding>? onFinding = null)
    {
        var results = new Dictionary<string, Finding>();
        var findings = new List<Finding>();
        foreach (var descriptor in catalog.Checks)
        {
            var finding = Evaluate(descriptor, facts, results);
            results[descriptor.Id] = finding;
            findings.Add(finding);
            onFinding?.Invoke(finding);
        }

        return findings;
    }

    private Finding Evaluate(CheckDescriptor descriptor, FactsSnapshot facts, Dictionary<string, Finding> results)
    {
        if (selection is not null && !selection.Runs(descriptor.Id))
        {
            return new Finding { CheckId = descriptor.Id, Status = CheckStatus.Skipped, Summary = CheckSelection.NotSelectedSummary, NotSelected = true };
        }

        var blockers = descriptor.DependsOn
            .Where(dep => results[dep].Status is CheckStatus.Fail or CheckStatus.Skipped)
            .ToList();
        if (blockers.Count > 0)
        {
            return new Finding
            {
                CheckId = descriptor.Id,
                Status = CheckStatus.Skipped,
                Summary = $"blocked by {string.Join(", ", blockers)}",
            };
        }

        if (!rules.TryGetValue(descriptor.Id, out var rule))
        {
            return new Finding
            {
                CheckId = descriptor.Id,
                Status = CheckStatus.Unknown,
                Summary = "this version of cargo-doctor has no rule for this check",
            };
        }

        var clock = Stopwatch.StartNew();
        Finding finding;
        try
        {
            finding = rule.Evaluate(new RuleContext(facts, descriptor));
        }
#pragma warning disable CA1031 // A broken rule must not lose the other findings.
        catch (Exception e)
#pragma warning restore CA1031
        {
            finding = new Finding
            {
                CheckId = descriptor.Id,
                Status = CheckStatus.Unknown,
                Summary = $"internal error while evaluating this check: {e.GetType().Name}: {e.Message}",
            };
        }

        // A failing warning-severity check is a warning, never a failure.
        if (finding.Status == CheckStatus.Fail && descriptor.Severity == Severity.Warning)
        {
            finding = finding with { Status = CheckStatus.Warn };
        }

        return finding.Duration == TimeSpan.Zero ? finding with { Duration = clock.Elapsed } : finding;
    }
}
