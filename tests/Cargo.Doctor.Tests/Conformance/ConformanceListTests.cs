namespace Cargo.Doctor.Tests.Conformance;

/// <summary>The cases are all there, well formed, and the expected-failure list names only real cases.</summary>
[Trait("Category", "Unit")]
public sealed class ConformanceListTests
{
    [Fact]
    public void every_case_is_loaded_with_a_source_and_an_expectation()
    {
        var cases = ConformanceCases.Warehouse().Concat(ConformanceCases.Aws()).ToList();

        Assert.NotEmpty(ConformanceCases.Warehouse());
        Assert.NotEmpty(ConformanceCases.Aws());
        Assert.All(cases, c =>
        {
            Assert.StartsWith("https://", c.Source, StringComparison.Ordinal);
            Assert.NotEmpty(c.Expect);
        });
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void every_expected_failure_names_a_case()
    {
        var ids = ConformanceCases.Warehouse().Concat(ConformanceCases.Aws()).Select(c => c.Id).ToHashSet();

        Assert.All(ExpectedFailures.Cases.Keys, id => Assert.Contains(id, ids));
    }
}
