using Cargo.Doctor.Rules;

namespace Cargo.Doctor.Tests.Rules;

/// <summary>
/// RuleSet lists its rules by hand (reflection over the assembly cost start-up time, issue 11); this
/// keeps the list complete: every concrete IRule in the tool's assembly is listed exactly once.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RuleSetTests
{
    [Fact]
    public void every_rule_class_in_the_assembly_is_listed_once()
    {
        var discovered = typeof(IRule).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRule).IsAssignableFrom(t))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();
        var listed = RuleSet.Listed.Select(r => r.GetType().FullName!).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(discovered);
        Assert.Equal(discovered, listed);
    }

    [Fact]
    public void every_listed_rule_has_its_own_check_id()
    {
        Assert.Equal(RuleSet.Listed.Count, RuleSet.All.Count);
        Assert.All(RuleSet.Listed, r => Assert.Same(r, RuleSet.All[r.CheckId]));
    }
}
