using System.Reflection;
using System.Text.RegularExpressions;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Layout;

/// <summary>
/// Every test class says what it needs, so `scripts/test.sh --unit` can run the pure ones without
/// PostgreSQL, Chromium, the built CLI or the AWS fake: Warehouse = starts PostgreSQL, Browser =
/// Chromium, Cli = runs the built binary (or the SARIF validator) as a process, Aws = the loopback AWS fake, Unit = none.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class TestCategoryTests
{
    private static readonly string[] Known = ["Unit", "Warehouse", "Aws", "Browser", "Cli"];

    public static TheoryData<string> TestClasses() => new(TestClassTypes().Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(TestClasses))]
    public void test_class_has_a_known_category(string className)
    {
        var categories = Categories(Type(className));

        Assert.True(categories.Count > 0, $"{className} has no [Trait(\"Category\", ...)]: one of {string.Join(", ", Known)}");
        Assert.All(categories, c => Assert.Contains(c, Known));
        Assert.False(categories.Contains("Unit") && categories.Count > 1, $"{className}: Unit means it needs none of the others");
    }

    [Theory]
    [MemberData(nameof(TestClasses))]
    public void warehouse_category_matches_the_postgres_fixture(string className)
    {
        var type = Type(className);
        var takesServer = type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(PostgresServer)));

        Assert.Equal(takesServer, Categories(type).Contains("Warehouse"));
        Assert.Equal(takesServer, typeof(IClassFixture<PostgresServer>).IsAssignableFrom(type));
    }

    [Theory]
    [MemberData(nameof(TestClasses))]
    public void a_class_holding_the_aws_fake_is_in_the_aws_category(string className)
    {
        var type = Type(className);
        var holdsFake = type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Any(f => f.FieldType == typeof(FakeAwsEndpoint));

        Assert.True(!holdsFake || Categories(type).Contains("Aws"), $"{className} holds a FakeAwsEndpoint but is not in the Aws category");
    }

    /// <summary>
    /// What a class's source uses, directly or through a helper of this project that uses it (e.g.
    /// HostileRun runs CliProcess): a Unit class may use none of it. Reflection sees fields and
    /// constructor parameters only; a fake created in a local variable or a process started by a helper
    /// shows only in the source.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestClasses))]
    public void a_class_whose_source_needs_a_resource_is_in_its_category(string className)
    {
        var type = Type(className);
        var categories = Categories(type);

        // This class names every marker as data (and PostgresServer in typeof), so its own source is not scanned.
        var needs = type == typeof(TestCategoryTests) ? [] : Needs(type.Name);

        Assert.True(SourcesOf(type.Name).Count > 0, $"{className}: no source file declares it under {SourceRoot()}");
        Assert.All(needs, need => Assert.True(
            categories.Contains(need.Category),
            $"{className} uses {need.Marker} (through {need.Path}) but is not in the {need.Category} category"));
    }

    [Fact]
    public void the_source_scan_sees_resources_used_through_helpers()
    {
        // The control for the scan above: these are known to use each resource, one of them only through a helper.
        Assert.Contains(Needs(nameof(Hardening.HostileInputTests)), n => n.Category == "Cli" && n.Path.Contains("HostileRun", StringComparison.Ordinal));
        Assert.Contains(Needs(nameof(Setup.FakeAccountSigningTests)), n => n.Category == "Aws");
        Assert.Contains(Needs(nameof(Setup.SetupSqlRoundTripTests)), n => n.Category == "Warehouse");
        Assert.Empty(Needs(nameof(Fixtures.GoldenFileTests)));
    }

    [Fact]
    public void this_class_is_found_by_the_scan()
    {
        // The scan above must see the classes it guards; this one is a test class like any other.
        Assert.Contains(typeof(TestCategoryTests), TestClassTypes());
        Assert.Contains(typeof(Checks.Db.TableGrantsScenarioTests), TestClassTypes());
    }

    /// <summary>Source marker → the category it needs.</summary>
    private static readonly (Regex Marker, string Category)[] Markers =
    [
        (new(@"\bCliProcess\b"), "Cli"),
        (new(@"\bHeadlessChromium\b"), "Browser"),
        (new(@"\bAwsCliScript\b"), "Aws"),
        (new(@"\bSarifValidator\b"), "Cli"),
        (new(@"new\s+FakeAwsEndpoint\s*\(|FakeAwsEndpoint\s+\w+\s*=\s*new\b"), "Aws"),
        (new(@"\bPsql\b"), "Warehouse"),
        (new(@"\bPostgresServer\b"), "Warehouse"),
    ];

    private static readonly Lazy<Dictionary<string, string>> SourceByType = new(ReadSources);

    private static readonly Lazy<Dictionary<string, List<string>>> HelpersNamed = new(ReadHelperGraph);

    private sealed record Need(string Category, string Marker, string Path);

    /// <summary>What <paramref name="typeName"/>'s source needs, following the helpers it names (breadth first, each once).</summary>
    private static List<Need> Needs(string typeName)
    {
        var needs = new List<Need>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { typeName };
        var queue = new Queue<(string Type, string Path)>([(typeName, typeName)]);
        while (queue.TryDequeue(out var current))
        {
            if (!SourceByType.Value.TryGetValue(current.Type, out var text))
            {
                continue;
            }

            foreach (var (marker, category) in Markers)
            {
                if (marker.Match(text) is { Success: true } m && current.Type != m.Value && !needs.Any(n => n.Category == category))
                {
                    needs.Add(new Need(category, m.Value, current.Path));
                }
            }

            foreach (var helper in HelpersNamed.Value[current.Type].Where(seen.Add))
            {
                queue.Enqueue((helper, $"{current.Path} > {helper}"));
            }
        }

        return needs;
    }

    /// <summary>
    /// Type → the runner helpers its source names: helpers (not test classes, checked on their own) that
    /// declare a RunAsync or Start method, e.g. HostileRun, SetupCli, AwsCliScript. Following every
    /// type named would reach PostgresServer from any class that reads WarehouseScenario.Catalog.
    /// </summary>
    private static Dictionary<string, List<string>> ReadHelperGraph()
    {
        var testClasses = TestClassTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var helpers = SourceByType.Value
            .Where(e => !testClasses.Contains(e.Key) && Runner().IsMatch(e.Value))
            .Select(e => e.Key)
            .ToHashSet(StringComparer.Ordinal);
        return SourceByType.Value.ToDictionary(
            entry => entry.Key,
            entry => Word().Matches(entry.Value).Select(m => m.Value).Where(helpers.Contains).Distinct(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    private static List<string> SourcesOf(string typeName) =>
        SourceByType.Value.ContainsKey(typeName) ? [typeName] : [];

    /// <summary>Each source file of the test project, by its name (which is its type's) → its text, comments removed.</summary>
    private static Dictionary<string, string> ReadSources()
    {
        var byType = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            byType[name] = byType.GetValueOrDefault(name, "") + "\n" + Comment().Replace(File.ReadAllText(file), "");
        }

        return byType;
    }

    private static string SourceRoot() => Path.Combine(Reports.SampleFactsTests.RepositoryRoot(), "tests", "Cargo.Doctor.Tests");

    [GeneratedRegex(@"\s(?:RunAsync|Start)\(")]
    private static partial Regex Runner();

    [GeneratedRegex(@"\b[A-Z]\w*")]
    private static partial Regex Word();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    private static Type Type(string className) => typeof(TestCategoryTests).Assembly.GetType(className, throwOnError: true)!;

    private static IEnumerable<Type> TestClassTypes() =>
        typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static List<string> Categories(Type type) =>
        type.GetCustomAttributes(inherit: true).OfType<Xunit.v3.ITraitAttribute>()
            .SelectMany(a => a.GetTraits())
            .Where(t => t.Key == "Category")
            .Select(t => t.Value)
            .ToList();
}
