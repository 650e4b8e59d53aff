using Cargo.Doctor.Facts;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Schemas;

/// <summary>Issue 25: a vendor run's facts file follows the published facts schema (its vendor section included).</summary>
[Trait("Category", "Aws")]
public sealed class VendorFactsSchemaTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task a_vendor_facts_file_follows_the_facts_schema()
    {
        var facts = VendorScenario.Snapshot(await scenario.ReadAsync());

        SchemaFiles.AssertValid(SchemaFiles.Facts, FactsJson.Serialize(facts));
    }
}
