using Cargo.Doctor.Catalog;
using Cargo.Doctor.Rules;

namespace Cargo.Doctor.Tests.Catalog;

[Trait("Category", "Unit")]
public sealed class CatalogLoaderTests
{
    private const string Valid = """
        ---
        id: x.one
        title: One
        severity: error
        area: test
        depends-on: []
        ---

        ## Why it matters

        Because.

        ## Remediation

        ### fix

        Run this:

        ```sql
        GRANT {{what}} TO {{user}};
        ```
        """;

    [Fact]
    public void the_shipped_catalog_loads_and_every_check_has_a_rule_and_every_rule_a_check()
    {
        // The customer's catalog and Cargo's own (checks/vendor/, issue 25) together cover every rule.
        var catalog = new CheckCatalog([.. CatalogLoader.LoadDefault().Checks, .. CatalogLoader.LoadVendor().Checks]);

        Assert.NotEmpty(catalog.Checks);
        Assert.All(catalog.Checks, c => Assert.True(RuleSet.All.ContainsKey(c.Id), $"no rule for {c.Id}"));
        Assert.All(RuleSet.All.Keys, id => Assert.True(catalog.TryGet(id, out _), $"no catalog file for rule {id}"));
        Assert.All(catalog.Checks, c => Assert.Equal(c.Id + ".md", c.SourceFile));
        Assert.All(catalog.Checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Why), $"{c.Id} lacks 'Why it matters'"));
    }

    [Fact]
    public void checks_come_after_their_dependencies()
    {
        var catalog = CatalogLoader.LoadDefault();
        var position = catalog.Checks.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);

        Assert.All(catalog.Checks, c => Assert.All(c.DependsOn, d => Assert.True(position[d] < position[c.Id])));
    }

    [Fact]
    public void remediation_templates_keep_their_blocks_and_fill_placeholders()
    {
        var check = Load(("x.one.md", Valid)).Checks.Single();

        var template = check.Remediation["fix"];
        Assert.Equal(["console", "sql"], template.Blocks.Select(b => b.Kind));
        Assert.Equal(["what", "user"], template.Placeholders);
        var steps = template.Render(new Dictionary<string, string> { ["what"] = "ALL", ["user"] = "\"u\"" });
        Assert.Equal("GRANT ALL TO \"u\";", steps[1].Text);
        Assert.Equal("Because.", check.Why);
    }

    [Fact]
    public void an_sql_alternative_block_gets_its_own_kind()
    {
        var text = Valid.Replace("```sql\nGRANT", "```sql alternative\nGRANT");

        var template = Load(("x.one.md", text)).Checks.Single().Remediation["fix"];

        Assert.Equal(["console", "sql-alternative"], template.Blocks.Select(b => b.Kind));
    }

    [Fact]
    public void a_missing_placeholder_value_is_an_error_not_a_silent_hole()
    {
        var template = Load(("x.one.md", Valid)).Checks.Single().Remediation["fix"];

        var e = Assert.Throws<InvalidOperationException>(() => template.Render(new Dictionary<string, string> { ["what"] = "ALL" }));
        Assert.Contains("{{user}}", e.Message);
    }

    [Theory]
    [InlineData("duplicate check id 'x.one'", "x.one")]
    [InlineData("depends-on names unknown check 'x.ghost'", "x.two", "x.ghost")]
    public void malformed_catalogs_name_the_file_and_the_problem(string expected, string secondId, string? dependsOn = null)
    {
        var second = Valid.Replace("id: x.one", $"id: {secondId}").Replace("depends-on: []", $"depends-on: [{dependsOn}]");

        var e = Assert.Throws<CatalogException>(() => Load(("a.md", Valid), ("b.md", second)));

        Assert.Contains(expected, e.Message);
        Assert.StartsWith("b.md:", e.Message);
    }

    [Fact]
    public void a_dependency_cycle_is_named()
    {
        var a = Valid.Replace("depends-on: []", "depends-on: [x.two]");
        var b = Valid.Replace("id: x.one", "id: x.two").Replace("depends-on: []", "depends-on: [x.one]");

        var e = Assert.Throws<CatalogException>(() => Load(("a.md", a), ("b.md", b)));

        Assert.Contains("cycle", e.Message);
        Assert.Contains("x.one -> x.two -> x.one", e.Message);
    }

    [Theory]
    [InlineData("## Remediation", "## Nothing", "has no remediation template")]
    [InlineData("severity: error", "severity: fatal", "severity 'fatal'")]
    [InlineData("title: One\n", "", "lacks 'title'")]
    [InlineData("---\nid", "--\nid", "missing YAML front matter")]
    [InlineData("area: test", "area: [unclosed", "not valid YAML")]
    [InlineData("area: test", "area: test\nowner: me", "unknown front matter key 'owner'")]
    [InlineData("area: test", "area: test\norder: soon", "order 'soon' is not a whole number")]
    [InlineData("area: test", "area: [a, b]", "'area' must be a single value")]
    public void a_broken_check_file_is_a_clear_error(string find, string replace, string expected)
    {
        var e = Assert.Throws<CatalogException>(() => Load(("broken.md", Valid.Replace(find, replace))));

        Assert.Contains(expected, e.Message);
        Assert.StartsWith("broken.md:", e.Message);
    }

    private static CheckCatalog Load(params (string Name, string Text)[] files)
    {
        var dir = Directory.CreateTempSubdirectory("catalog").FullName;
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), text);
        }

        return CatalogLoader.LoadDirectory(dir);
    }
}
