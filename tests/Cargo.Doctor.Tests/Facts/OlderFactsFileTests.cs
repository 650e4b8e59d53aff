using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Tests.Facts;

/// <summary>
/// Issue 11 (JSON without reflection): a facts file written before a property was added (the bundled
/// sample has no tableReadNotes, for one) reads that property as the record's default (<c>= []</c>,
/// <c>= true</c>), as it did with reflection-based JSON. Source-generated metadata builds init-only
/// records with an object initializer and passes default(T) for what the file lacks
/// (https://github.com/dotnet/runtime/issues/84484): a missing TablesExamined would read as false.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OlderFactsFileTests
{
    public static TheoryData<string, string> PropertiesWithInitializers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (type, property, _) in Initializers())
        {
            data.Add(type.Name, property.Name);
        }

        return data;
    }

    [Fact]
    public void the_records_have_initializers_to_check()
    {
        Assert.Contains(Initializers(), i => i.Type == typeof(SchemaFacts) && i.Property.Name == nameof(SchemaFacts.TablesExamined));
        Assert.Contains(Initializers(), i => i.Type == typeof(DatabaseFacts) && i.Property.Name == nameof(DatabaseFacts.TableReadNotes));
    }

    [Theory]
    [MemberData(nameof(PropertiesWithInitializers))]
    public void a_property_missing_from_an_older_file_reads_as_the_records_default(string typeName, string propertyName)
    {
        var (type, property, value) = Initializers().Single(i => i.Type.Name == typeName && i.Property.Name == propertyName);
        var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
        var older = JsonNode.Parse(FactsJson.Serialize(FilledFacts.Create()))!;
        var withDefault = older.DeepClone();

        var removed = Edit(older, typeof(FactsSnapshot), type, o => o.Remove(name));
        Edit(withDefault, typeof(FactsSnapshot), type, o =>
        {
            o[name] = JsonSerializer.SerializeToNode(value, property.PropertyType, FactsJson.Options);
            return true;
        });

        Assert.True(removed > 0, $"the filled facts hold no {typeName} with {name}");
        Assert.Equal(RoundTrip(withDefault), RoundTrip(older));
    }

    private static string RoundTrip(JsonNode json) => FactsJson.Serialize(FactsJson.Deserialize(json.ToJsonString()));

    /// <summary>
    /// Every settable, not required property whose value in a new record is not default(T): it has an
    /// initializer. Not schemaVersion: a file without it is refused (FactsVersionTests).
    /// </summary>
    private static IEnumerable<(Type Type, PropertyInfo Property, object Value)> Initializers() =>
        from type in FactsTypeGraph.Reachable(typeof(FactsSnapshot))
        where type.IsClass && type.Namespace == typeof(FactsSnapshot).Namespace && type.GetConstructor(Type.EmptyTypes) is not null
        let fresh = Activator.CreateInstance(type)!
        from property in FactsTypeGraph.SerializedProperties(type)
        where property.SetMethod is { IsPublic: true } && !property.IsDefined(typeof(RequiredMemberAttribute)) && property.Name != nameof(FactsSnapshot.SchemaVersion)
        let value = property.GetValue(fresh)
        where value is not null && !value.Equals(property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null)
        orderby type.Name, property.Name
        select (type, property, value);

    /// <summary>Applies <paramref name="edit"/> to every JSON object that holds a <paramref name="target"/>; returns how many it changed.</summary>
    private static int Edit(JsonNode? node, Type type, Type target, Func<JsonObject, bool> edit)
    {
        type = FactsTypeGraph.Unwrap(type);
        switch (node)
        {
            case JsonArray array:
                return array.Sum(item => Edit(item, type, target, edit));
            case JsonObject obj:
                var count = type == target && edit(obj) ? 1 : 0;
                foreach (var property in FactsTypeGraph.SerializedProperties(type))
                {
                    if (obj[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] is { } child)
                    {
                        count += Edit(child, property.PropertyType, target, edit);
                    }
                }

                return count;
            default:
                return 0;
        }
    }
}
