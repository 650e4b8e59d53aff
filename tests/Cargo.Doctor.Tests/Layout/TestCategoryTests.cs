using System.Reflection;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Layout;

/// <summary>
/// Every test class says what it needs, so `scripts/test.sh --unit` can run the pure ones without
/// PostgreSQL, Chromium, the built CLI or the AWS fake: Warehouse = starts PostgreSQL, Browser =
/// Chromium, Cli = runs the built binary as a process, Aws = the loopback AWS fake, Unit = none.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TestCategoryTests
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

    [Fact]
    public void this_class_is_found_by_the_scan()
    {
        // The scan above must see the classes it guards; this one is a test class like any other.
        Assert.Contains(typeof(TestCategoryTests), TestClassTypes());
        Assert.Contains(typeof(Checks.Db.TableGrantsScenarioTests), TestClassTypes());
    }

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
