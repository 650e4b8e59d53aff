using System.Text.RegularExpressions;
using Cargo.Doctor.Catalog;

namespace Cargo.Doctor.Engine;

/// <summary>
/// Which checks a run evaluates, from <c>--checks</c> and <c>--skip</c> (ids or globs such as
/// <c>db.*</c>). A selected check's dependencies always run too, so its result means the same as in
/// a full run; every other check is reported as <c>skipped</c> with <see cref="NotSelectedSummary"/>.
/// </summary>
public sealed class CheckSelection
{
    public const string NotSelectedSummary = "not selected for this run (--checks/--skip)";

    private readonly HashSet<string> _runs;

    private CheckSelection(HashSet<string> runs, IReadOnlyList<string> addedAsDependencies)
    {
        _runs = runs;
        AddedAsDependencies = addedAsDependencies;
    }

    /// <summary>Checks that run only because a selected check depends on them.</summary>
    public IReadOnlyList<string> AddedAsDependencies { get; }

    public static CheckSelection All(CheckCatalog catalog) =>
        new(catalog.Checks.Select(c => c.Id).ToHashSet(StringComparer.Ordinal), []);

    /// <summary>
    /// No include pattern means every check. A pattern that matches no check is a usage error, so
    /// a typo never turns into a silently empty run.
    /// </summary>
    public static CheckSelection Create(CheckCatalog catalog, IEnumerable<string> include, IEnumerable<string> skip)
    {
        var includes = SplitPatterns(include);
        var skips = SplitPatterns(skip);
        var ids = catalog.Checks.Select(c => c.Id).ToList();
        foreach (var pattern in includes.Concat(skips).Where(p => !ids.Any(id => Matches(p, id))))
        {
            throw new Config.ConfigException($"no check matches '{pattern}'; `cargo-doctor checks` lists them");
        }

        var chosen = ids
            .Where(id => includes.Count == 0 || includes.Any(p => Matches(p, id)))
            .Where(id => !skips.Any(p => Matches(p, id)))
            .ToHashSet(StringComparer.Ordinal);
        if (chosen.Count == 0)
        {
            throw new Config.ConfigException("--checks/--skip leave no check to run");
        }

        var runs = new HashSet<string>(chosen, StringComparer.Ordinal);
        var pending = new Stack<string>(chosen);
        while (pending.TryPop(out var id))
        {
            foreach (var dep in catalog[id].DependsOn.Where(runs.Add))
            {
                pending.Push(dep);
            }
        }

        var added = ids.Where(id => runs.Contains(id) && !chosen.Contains(id)).ToList();
        return new CheckSelection(runs, added);
    }

    public bool Runs(string checkId) => _runs.Contains(checkId);

    /// <summary>A glob over check ids: <c>*</c> is any run of characters, <c>?</c> one character.</summary>
    public static bool Matches(string pattern, string checkId) =>
        Regex.IsMatch(checkId, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.CultureInvariant);

    private static List<string> SplitPatterns(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
}
