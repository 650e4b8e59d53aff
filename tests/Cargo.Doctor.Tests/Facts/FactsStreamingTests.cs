using System.Text;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;

namespace Cargo.Doctor.Tests.Facts;

/// <summary>
/// Issue 11.4: `check --save-facts` streams the facts file instead of building it as one string;
/// the file must stay the same bytes as before, plain and redacted.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FactsStreamingTests
{
    [Fact]
    public async Task streamed_sample_facts_are_the_same_bytes_as_the_string_form()
    {
        var facts = SampleFacts();

        Assert.Equal(Encoding.UTF8.GetBytes(FactsJson.Serialize(facts)), await StreamedAsync(facts));
    }

    [Fact]
    public async Task streamed_redacted_facts_are_the_same_bytes_as_the_string_form()
    {
        var redacted = FactsRedactor.Redact(SampleFacts());

        var streamed = await StreamedAsync(redacted);

        Assert.Equal(Encoding.UTF8.GetBytes(FactsJson.Serialize(redacted)), streamed);
        Assert.Contains("\"redacted\": true", Encoding.UTF8.GetString(streamed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task streamed_facts_read_back_as_the_same_snapshot()
    {
        var facts = SampleFacts();

        var replayed = FactsJson.Deserialize(Encoding.UTF8.GetString(await StreamedAsync(facts)));

        Assert.Equal(FactsJson.Serialize(facts), FactsJson.Serialize(replayed));
    }

    private static async Task<byte[]> StreamedAsync(FactsSnapshot facts)
    {
        using var stream = new MemoryStream();
        await FactsJson.SerializeAsync(stream, facts, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static FactsSnapshot SampleFacts()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Cargo.Doctor.sln")))
        {
            dir = dir.Parent ?? throw new InvalidOperationException("repository root not found");
        }

        return FactsJson.Deserialize(File.ReadAllText(Path.Combine(dir.FullName, "samples", "sample-facts.json")));
    }
}
