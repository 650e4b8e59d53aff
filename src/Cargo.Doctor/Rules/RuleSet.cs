namespace Cargo.Doctor.Rules;

/// <summary>
/// All rules in this assembly, found by reflection so adding a rule means adding one class
/// (and its catalog file), nothing else.
/// </summary>
public static class RuleSet
{
    private static readonly Lazy<IReadOnlyDictionary<string, IRule>> AllRules = new(Discover);

    public static IReadOnlyDictionary<string, IRule> All => AllRules.Value;

    private static IReadOnlyDictionary<string, IRule> Discover() =>
        typeof(IRule).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRule).IsAssignableFrom(t))
            .Select(t => (IRule)Activator.CreateInstance(t)!)
            .ToDictionary(r => r.CheckId, StringComparer.Ordinal);
}
