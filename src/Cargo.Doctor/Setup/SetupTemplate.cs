using Cargo.Doctor.Catalog;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Setup;

/// <summary>
/// A catalog remediation template rendered for the setup: the same <c>checks/*.md</c> text the
/// fixes of <c>check</c> come from, so setup and fixes cannot drift apart.
/// </summary>
internal static class SetupTemplate
{
    public static IReadOnlyList<RemediationStep> Render(CheckCatalog catalog, string checkId, string key, params (string Name, string Value)[] values)
    {
        if (!catalog.TryGet(checkId, out var check) || !check.Remediation.TryGetValue(key, out var template))
        {
            throw new CatalogException($"the catalog has no remediation '{key}' for {checkId}, which cargo-doctor setup needs");
        }

        return template.Render(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
    }

    /// <summary>The template's blocks of one kind (<c>sql</c>, <c>sh</c>, <c>console</c>), joined.</summary>
    public static string Text(IReadOnlyList<RemediationStep> steps, string kind) =>
        string.Join("\n", steps.Where(s => s.Kind == kind).Select(s => s.Text.TrimEnd()));
}
