using System.Text.Json;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Tests.Facts;

/// <summary>
/// Issue 11 (JSON without reflection): the facts file writes every enum as its kebab-case name. The
/// source-generated context needs one converter per enum, so a new enum added to the facts without
/// one would silently be written as a number; this walks the facts' types to catch that.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FactsEnumJsonTests
{
    private static readonly IReadOnlyList<Type> FactsEnums =
        FactsTypeGraph.Reachable(typeof(FactsSnapshot)).Where(t => t.IsEnum).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    [Fact]
    public void the_walk_finds_the_enums_the_facts_are_known_to_hold()
    {
        Assert.Contains(typeof(RoleSelectionKind), FactsEnums);
        Assert.Contains(typeof(ProbeRunStatus), FactsEnums);
        Assert.Contains(typeof(ProbeErrorCause), FactsEnums);
    }

    [Fact]
    public void every_enum_in_the_facts_is_written_as_its_kebab_case_name()
    {
        var numbers = new List<string>();
        foreach (var type in FactsEnums)
        {
            foreach (var value in Enum.GetValues(type))
            {
                var expected = JsonSerializer.Serialize(JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()!));
                var written = JsonSerializer.Serialize(value, type, FactsJson.Options);
                if (written != expected)
                {
                    numbers.Add($"{type.Name}.{value} is written as {written}, not {expected}");
                }
            }
        }

        Assert.Empty(numbers);
    }

    [Fact]
    public void every_enum_in_the_facts_reads_back_from_its_kebab_case_name()
    {
        foreach (var type in FactsEnums)
        {
            foreach (var value in Enum.GetValues(type))
            {
                var name = JsonSerializer.Serialize(JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()!));

                Assert.Equal(value, JsonSerializer.Deserialize(name, type, FactsJson.Options));
            }
        }
    }
}
