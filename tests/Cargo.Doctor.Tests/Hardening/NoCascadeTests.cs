using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>Nothing cargo-doctor prints (catalog text, the bundled sample's report and its appendix of statements) says CASCADE.</summary>
[Trait("Category", "Unit")]
public sealed class NoCascadeTests
{
    [Fact]
    public void catalog_and_bundled_sample_report_never_say_cascade()
    {
        var root = SampleFactsTests.RepositoryRoot();
        var facts = FactsJson.Deserialize(File.ReadAllText(Path.Combine(root, "samples", "sample-facts.json")));
        var findings = new CheckRunner(WarehouseScenario.Catalog, RuleSet.All).Run(facts);

        var markdown = new MarkdownReportRenderer().Render(Report.Create(facts, WarehouseScenario.Catalog, findings, TimeSpan.FromSeconds(1)));

        Assert.Contains("## Appendix: statements run by probes", markdown);
        Assert.DoesNotContain("CASCADE", markdown, StringComparison.OrdinalIgnoreCase);
        foreach (var check in Directory.GetFiles(Path.Combine(root, "checks"), "*.md"))
        {
            Assert.DoesNotContain("CASCADE", File.ReadAllText(check), StringComparison.OrdinalIgnoreCase);
        }
    }
}
