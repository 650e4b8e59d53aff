namespace Cargo.Doctor.Catalog;

/// <summary>
/// Every check, validated and in dependency order (a check comes after everything it depends on).
/// </summary>
public sealed class CheckCatalog
{
    private readonly Dictionary<string, CheckDescriptor> _byId;

    public CheckCatalog(IEnumerable<CheckDescriptor> descriptors)
    {
        var all = descriptors.ToList();
        _byId = new Dictionary<string, CheckDescriptor>(StringComparer.Ordinal);
        foreach (var d in all)
        {
            if (!_byId.TryAdd(d.Id, d))
            {
                throw new CatalogException($"{d.SourceFile}: duplicate check id '{d.Id}' (also in {_byId[d.Id].SourceFile})");
            }
        }

        foreach (var d in all)
        {
            foreach (var dep in d.DependsOn.Where(dep => !_byId.ContainsKey(dep)))
            {
                throw new CatalogException($"{d.SourceFile}: depends-on names unknown check '{dep}'");
            }

            if (d.Remediation.Count == 0)
            {
                throw new CatalogException($"{d.SourceFile}: check '{d.Id}' can fail but has no remediation template (## Remediation / ### key)");
            }
        }

        Checks = TopologicalOrder(all);
    }

    /// <summary>All checks, each after its dependencies, otherwise by <c>order</c> then file name.</summary>
    public IReadOnlyList<CheckDescriptor> Checks { get; }

    public CheckDescriptor this[string id] => _byId[id];

    public bool TryGet(string id, out CheckDescriptor descriptor) => _byId.TryGetValue(id, out descriptor!);

    private List<CheckDescriptor> TopologicalOrder(List<CheckDescriptor> all)
    {
        var ordered = new List<CheckDescriptor>();
        var state = new Dictionary<string, int>(); // 1 = visiting, 2 = done
        void Visit(CheckDescriptor d, Stack<string> path)
        {
            if (state.TryGetValue(d.Id, out var s))
            {
                if (s == 1)
                {
                    var cycle = string.Join(" -> ", path.Reverse().SkipWhile(id => id != d.Id).Append(d.Id));
                    throw new CatalogException($"{d.SourceFile}: depends-on forms a cycle: {cycle}");
                }

                return;
            }

            state[d.Id] = 1;
            path.Push(d.Id);
            foreach (var dep in d.DependsOn)
            {
                Visit(_byId[dep], path);
            }

            path.Pop();
            state[d.Id] = 2;
            ordered.Add(d);
        }

        foreach (var d in all.OrderBy(d => d.Order).ThenBy(d => d.SourceFile, StringComparer.Ordinal))
        {
            Visit(d, new Stack<string>());
        }

        return ordered;
    }
}
