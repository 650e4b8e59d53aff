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
    /// What is wrong with the patterns, one line each (empty when <see cref="Create"/> can use them): a
    /// pattern that matches no check is a usage error, so a typo never turns into a silently empty run.
    /// </summary>
    public static IReadOnlyList<string> Problems(CheckCatalog catalog, IEnumerable<string> include, IEnumerable<string> skip)
    {
        var (includes, skips) = (SplitPatterns(include), SplitPatterns(skip));
        var ids = catalog.Checks.Select(c => c.Id).ToList();
        var problems = includes.Concat(skips).Where(p => !ids.Any(id => Matches(p, id)))
            .Select(p => $"no check matches '{p}'; `cargo-doctor checks` lists them").ToList();
        if (problems.Count == 0 && Chosen(ids, includes, skips).Count == 0)
        {
            problems.Add("--checks/--skip leave no check to run");
        }

        return problems;
    }

    /// <summary>No include pattern means every check. Call <see cref="Problems"/> first: bad patterns throw here.</summary>
    public static CheckSelection Create(CheckCatalog catalog, IEnumerable<string> include, IEnumerable<string> skip)
    {
        if (Problems(catalog, include, skip) is [var first, ..])
        {
            throw new ArgumentException(first);
        }

        var ids = catalog.Checks.Select(c => c.Id).ToList();
        var chosen = Chosen(ids, SplitPatterns(include), SplitPatterns(skip));

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

    private static HashSet<string> Chosen(List<string> ids, List<string> includes, List<string> skips) => ids
        .Where(id => includes.Count == 0 || includes.Any(p => Matches(p, id)))
        .Where(id => !skips.Any(p => Matches(p, id)))
        .ToHashSet(StringComparer.Ordinal);

    private static List<string> SplitPatterns(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
}
