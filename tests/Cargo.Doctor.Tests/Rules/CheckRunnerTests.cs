using Cargo.Doctor.Catalog;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;

namespace Cargo.Doctor.Tests.Rules;

[Trait("Category", "Unit")]
public sealed class CheckRunnerTests
{
    private static readonly FactsSnapshot Facts = new() { ToolVersion = "t", StartedAt = DateTimeOffset.UnixEpoch, Target = new TargetDescription() };

    [Fact]
    public void a_failed_dependency_skips_its_dependents_transitively_and_a_throwing_rule_becomes_unknown()
    {
        var catalog = new CheckCatalog([Check("a"), Check("b", "a"), Check("c", "b"), Check("d"), Check("w", severity: Severity.Warning)]);
        var rules = new Dictionary<string, IRule>
        {
            ["a"] = new FixedRule("a", CheckStatus.Fail),
            ["b"] = new FixedRule("b", CheckStatus.Pass),
            ["c"] = new FixedRule("c", CheckStatus.Pass),
            ["d"] = new ThrowingRule("d"),
            ["w"] = new FixedRule("w", CheckStatus.Fail),
        };

        var findings = new CheckRunner(catalog, rules).Run(Facts).ToDictionary(f => f.CheckId);

        Assert.Equal(CheckStatus.Fail, findings["a"].Status);
        Assert.Equal("blocked by a", findings["b"].Summary);
        Assert.Equal("blocked by b", findings["c"].Summary);
        Assert.Equal(CheckStatus.Unknown, findings["d"].Status);
        Assert.Contains("internal error", findings["d"].Summary);
        Assert.DoesNotContain("   at ", findings["d"].Summary);
        Assert.Equal(CheckStatus.Warn, findings["w"].Status);
    }

    [Fact]
    public void a_check_without_a_rule_is_unknown_not_a_crash()
    {
        var findings = new CheckRunner(new CheckCatalog([Check("orphan")]), new Dictionary<string, IRule>()).Run(Facts);

        Assert.Equal(CheckStatus.Unknown, Assert.Single(findings).Status);
    }

    private static CheckDescriptor Check(string id, string? dependsOn = null, Severity severity = Severity.Error) => new()
    {
        Id = id,
        Title = id,
        Severity = severity,
        Area = "test",
        DependsOn = dependsOn is null ? [] : [dependsOn],
        SourceFile = id + ".md",
        Remediation = new Dictionary<string, RemediationTemplate> { ["fix"] = new("fix", [new RemediationBlock("sql", "SELECT 1;")]) },
    };

    private sealed class FixedRule(string id, CheckStatus status) : IRule
    {
        public string CheckId => id;

        public Finding Evaluate(RuleContext context) => new() { CheckId = id, Status = status, Summary = status.ToString() };
    }

    private sealed class ThrowingRule(string id) : IRule
    {
        public string CheckId => id;

        public Finding Evaluate(RuleContext context) => throw new InvalidOperationException("boom");
    }
}
