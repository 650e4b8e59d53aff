using Cargo.Doctor.Catalog;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules;

/// <summary>What a rule sees: the facts, its own descriptor, and ways to build a finding.</summary>
public sealed class RuleContext(FactsSnapshot facts, CheckDescriptor descriptor)
{
    public FactsSnapshot Facts { get; } = facts;

    public CheckDescriptor Descriptor { get; } = descriptor;

    public Finding Pass(string summary, IReadOnlyList<string>? details = null) =>
        Make(CheckStatus.Pass, summary, details, []);

    public Finding Fail(string summary, IReadOnlyList<string>? details, params IEnumerable<RemediationStep>[] remediation) =>
        Make(CheckStatus.Fail, summary, details, remediation.SelectMany(r => r).ToList());

    public Finding Warn(string summary, IReadOnlyList<string>? details, params IEnumerable<RemediationStep>[] remediation) =>
        Make(CheckStatus.Warn, summary, details, remediation.SelectMany(r => r).ToList());

    public Finding Unknown(string summary, IReadOnlyList<string>? details = null) =>
        Make(CheckStatus.Unknown, summary, details, []);

    /// <summary>A failure whose detail lines carry their item keys (baselines, acceptances and diff compare those).</summary>
    public Finding FailItems(string summary, IReadOnlyList<DetailItem> items, params IEnumerable<RemediationStep>[] remediation) =>
        Keyed(Fail(summary, Texts(items), remediation), items);

    public Finding WarnItems(string summary, IReadOnlyList<DetailItem> items, params IEnumerable<RemediationStep>[] remediation) =>
        Keyed(Warn(summary, Texts(items), remediation), items);

    public Finding UnknownItems(string summary, IReadOnlyList<DetailItem> items) => Keyed(Unknown(summary, Texts(items)), items);

    public Finding PassItems(string summary, IReadOnlyList<DetailItem> items) => Keyed(Pass(summary, Texts(items)), items);

    public Finding Skipped(string summary) => Make(CheckStatus.Skipped, summary, null, []);

    /// <summary>Renders the named remediation template of this check with already-quoted values.</summary>
    public IReadOnlyList<RemediationStep> Remedy(string key, params (string Name, string Value)[] values)
    {
        if (!Descriptor.Remediation.TryGetValue(key, out var template))
        {
            throw new InvalidOperationException($"check '{Descriptor.Id}' has no remediation template '{key}'");
        }

        return template.Render(values.ToDictionary(v => v.Name, v => v.Value));
    }

    private static List<string> Texts(IReadOnlyList<DetailItem> items) => items.Select(i => i.Text).ToList();

    private static Finding Keyed(Finding finding, IReadOnlyList<DetailItem> items) => finding with { DetailKeys = items.Select(i => i.Key).ToList() };

    private Finding Make(CheckStatus status, string summary, IReadOnlyList<string>? details, IReadOnlyList<RemediationStep> remediation) =>
        new()
        {
            CheckId = Descriptor.Id,
            Status = status,
            Summary = summary,
            Details = details ?? [],
            Remediation = remediation,
        };
}
