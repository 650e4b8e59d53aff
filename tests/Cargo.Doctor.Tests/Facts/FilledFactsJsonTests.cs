using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Tests.Facts;

/// <summary>
/// Issue 11 (JSON without reflection): every property of the facts, including ones added later, is
/// written to the facts file and read back, whatever serializer metadata is in use.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FilledFactsJsonTests
{
    [Fact]
    public void a_snapshot_with_every_property_set_reads_back_the_same()
    {
        var json = FactsJson.Serialize(FilledFacts.Create());

        var replayed = FactsJson.Deserialize(json);

        Assert.Equal(json, FactsJson.Serialize(replayed));
    }

    [Fact]
    public void every_property_of_every_facts_type_is_in_the_file()
    {
        var json = FactsJson.Serialize(FilledFacts.Create());

        var missing = FactsTypeGraph.Reachable(typeof(FactsSnapshot))
            .Where(t => t.Namespace == typeof(FactsSnapshot).Namespace && t.IsClass)
            .SelectMany(t => FactsTypeGraph.SerializedProperties(t).Select(p => $"{t.Name}.{p.Name}"))
            .Where(name => !json.Contains($"\"{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name.Split('.')[1])}\": ", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task the_streamed_file_is_the_same_bytes_as_the_string_form()
    {
        var facts = FilledFacts.Create();
        using var stream = new MemoryStream();

        await FactsJson.SerializeAsync(stream, facts, TestContext.Current.CancellationToken);

        Assert.Equal(FactsJson.Serialize(facts), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
