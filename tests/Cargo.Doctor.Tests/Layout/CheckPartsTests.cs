using System.Reflection;
using System.Text.RegularExpressions;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Rules;

namespace Cargo.Doctor.Tests.Layout;

/// <summary>
/// A check's parts are found from its id: the catalog file checks/&lt;id&gt;.md, the one rule whose
/// <c>Id</c> constant is that id, the SQL files that name it in their first line, and a test file
/// under tests/Cargo.Doctor.Tests/Checks/&lt;Area&gt;/ that uses the rule's <c>Id</c>. A new check
/// without a rule or a test fails here.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class CheckPartsTests
{
    private static readonly CheckCatalog Catalog = new([.. CatalogLoader.LoadDefault().Checks, .. CatalogLoader.LoadVendor().Checks]);

    public static TheoryData<string> CatalogIds() => new(Catalog.Checks.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(CatalogIds))]
    public void catalog_id_has_exactly_one_rule_with_that_id_constant(string id)
    {
        var rule = Assert.Single(RulesWithId(id));
        Assert.Equal(id, ((IRule)Activator.CreateInstance(rule)!).CheckId);
    }

    [Theory]
    [MemberData(nameof(CatalogIds))]
    public void catalog_id_has_a_test_file_under_checks_area_using_the_rule_id(string id)
    {
        var rule = Assert.Single(RulesWithId(id));
        var area = Path.Combine(TestsRoot(), "Checks", Area(id));
        var uses = new Regex($@"\b{rule.Name}\.Id\b");

        var files = Directory.Exists(area)
            ? Directory.EnumerateFiles(area, "*Tests.cs", SearchOption.AllDirectories).Where(f => uses.IsMatch(File.ReadAllText(f))).ToList()
            : [];

        Assert.True(files.Count > 0, $"no tests/Cargo.Doctor.Tests/Checks/{Area(id)}/*Tests.cs uses {rule.Name}.Id");
    }

    [Fact]
    public void every_rule_has_an_id_constant_in_the_catalog()
    {
        var rules = typeof(IRule).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRule).IsAssignableFrom(t));

        Assert.All(rules, rule =>
        {
            var id = IdConstant(rule);
            Assert.True(id is not null, $"{rule.Name} has no public const string Id");
            Assert.True(Catalog.TryGet(id!, out _), $"{rule.Name}.Id \"{id}\" has no checks/{id}.md");
        });
    }

    public static TheoryData<string> QueryFiles() =>
        new(Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src", "Cargo.Doctor", "Sources", "Warehouse", "Queries"), "*.sql")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void query_file_names_its_checks_in_the_first_line(string file)
    {
        var first = File.ReadLines(Path.Combine(RepoRoot(), "src", "Cargo.Doctor", "Sources", "Warehouse", "Queries", file)).First();
        var ids = CheckIdPattern().Matches(first).Select(m => m.Value).ToList();

        Assert.True(first.StartsWith("--", StringComparison.Ordinal) && ids.Count > 0, $"{file}: first line \"{first}\" names no check id");
        Assert.All(ids, id => Assert.True(Catalog.TryGet(id, out _), $"{file} names {id}, which is not in checks/"));
    }

    private static IEnumerable<Type> RulesWithId(string id) =>
        typeof(IRule).Assembly.GetTypes().Where(t => typeof(IRule).IsAssignableFrom(t) && IdConstant(t) == id);

    private static string? IdConstant(Type rule) =>
        rule.GetField("Id", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? field.GetRawConstantValue() as string : null;

    /// <summary>db.* under Checks/Db, iam.* under Checks/Iam, net.* under Checks/Net, probe.* under Checks/Probes, history.* under Checks/History, vendor.* under Checks/Vendor.</summary>
    private static string Area(string id) => id[..id.IndexOf('.', StringComparison.Ordinal)] switch
    {
        "db" => "Db",
        "iam" => "Iam",
        "net" => "Net",
        "probe" => "Probes",
        "history" => "History",
        "vendor" => "Vendor",
        var other => other,
    };

    private static string TestsRoot() => Path.Combine(RepoRoot(), "tests", "Cargo.Doctor.Tests");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cargo.Doctor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cargo.Doctor.sln not found above the test output folder");
    }

    [GeneratedRegex(@"\b(db|iam|net|probe|history)\.[a-z]+(-[a-z]+)*")]
    private static partial Regex CheckIdPattern();
}
