using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Cargo.Doctor.Facts;

/// <summary>
/// Gives a facts file written by an older version the defaults of the properties added since (the
/// bundled sample has no <c>tableReadNotes</c>, for one). Source-generated metadata builds a record
/// with init-only properties through an object initializer and passes default(T) for a property the
/// file lacks, so <c>= []</c> would read as null and <c>TablesExamined = true</c> as false
/// (https://github.com/dotnet/runtime/issues/84484). Before such a file is read, each missing
/// property is written into it from a prototype record. A file written by this version has every
/// such property (none is null), so it is only looked at, never copied.
/// </summary>
internal static class FactsFileDefaults
{
    /// <summary>
    /// One new record of each type that has property initializers: its serialised form holds the
    /// defaults (required properties are never taken from it). OlderFactsFileTests fails when a type
    /// with initializers is missing here.
    /// </summary>
    private static IEnumerable<object> Prototypes() =>
    [
        new FactsSnapshot { ToolVersion = "", StartedAt = default, Target = new TargetDescription() },
        new TargetDescription(),
        new WarehouseFacts { CargoUser = "", LoginUser = "" },
        new DatabaseFacts { Name = "", Connection = new ConnectionFacts { Succeeded = false } },
        new SchemaFacts { Name = "" },
        new RbacFacts { FunctionRole = "" },
        new AwsFacts { Region = "" },
        new RedshiftTargetFacts { Kind = "", Identifier = "" },
        new CustomerRoleFacts { Arn = "", Name = "" },
        new NetworkFacts(),
        new ProbeFacts { RunId = "" },
        new ProbeResult { ProbeId = "", Status = default },
        new HistoryFacts { Days = 0, Since = default, Until = default },
    ];

    private static readonly Lazy<Dictionary<Type, IReadOnlyList<KeyValuePair<string, JsonNode?>>>> Defaults = new(ReadPrototypes);

    private static readonly ConcurrentDictionary<Type, bool> HoldsDefaults = new();

    /// <summary>True when some object in the file lacks a property that has a default.</summary>
    public static bool AnyMissing(JsonElement root, JsonTypeInfo info)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when root.ValueKind == JsonValueKind.Object:
                if (Defaults.Value.TryGetValue(info.Type, out var defaults) && defaults.Any(d => !root.TryGetProperty(d.Key, out _)))
                {
                    return true;
                }

                foreach (var property in info.Properties)
                {
                    if (root.TryGetProperty(property.Name, out var child) && Holds(property.PropertyType, info.Options)
                        && AnyMissing(child, info.Options.GetTypeInfo(property.PropertyType)))
                    {
                        return true;
                    }
                }

                return false;
            case JsonTypeInfoKind.Enumerable when root.ValueKind == JsonValueKind.Array && Holds(info.ElementType!, info.Options):
                var element = info.Options.GetTypeInfo(info.ElementType!);
                return root.EnumerateArray().Any(item => AnyMissing(item, element));
            default:
                return false;
        }
    }

    /// <summary>Writes every missing property that has a default into <paramref name="node"/>.</summary>
    public static void Fill(JsonNode? node, JsonTypeInfo info)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                if (Defaults.Value.TryGetValue(info.Type, out var defaults))
                {
                    foreach (var (name, value) in defaults.Where(d => !obj.ContainsKey(d.Key)))
                    {
                        obj[name] = value?.DeepClone();
                    }
                }

                foreach (var property in info.Properties.Where(p => Holds(p.PropertyType, info.Options)))
                {
                    if (obj.TryGetPropertyValue(property.Name, out var child))
                    {
                        Fill(child, info.Options.GetTypeInfo(property.PropertyType));
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array && Holds(info.ElementType!, info.Options):
                var element = info.Options.GetTypeInfo(info.ElementType!);
                foreach (var item in array)
                {
                    Fill(item, element);
                }

                break;
        }
    }

    /// <summary>Whether a value of this type can hold (itself or nested) a property with a default: the walks skip the rest, e.g. the table list.</summary>
    private static bool Holds(Type type, JsonSerializerOptions options) =>
        HoldsDefaults.TryGetValue(type, out var holds) ? holds : HoldsDefaults[type] = Compute(type, options, []);

    private static bool Compute(Type type, JsonSerializerOptions options, HashSet<Type> path)
    {
        if (Defaults.Value.ContainsKey(type))
        {
            return true;
        }

        if (HoldsDefaults.TryGetValue(type, out var known))
        {
            return known;
        }

        if (!path.Add(type))
        {
            return false; // A type that holds itself: the facts have none, but never loop.
        }

        var info = options.GetTypeInfo(type);
        var holds = info.Kind switch
        {
            JsonTypeInfoKind.Object => info.Properties.Any(p => Compute(p.PropertyType, options, path)),
            JsonTypeInfoKind.Enumerable => Compute(info.ElementType!, options, path),
            _ => false,
        };
        path.Remove(type);
        return holds;
    }

    private static Dictionary<Type, IReadOnlyList<KeyValuePair<string, JsonNode?>>> ReadPrototypes()
    {
        var options = FactsJsonContext.Default.Options;
        var defaults = new Dictionary<Type, IReadOnlyList<KeyValuePair<string, JsonNode?>>>();
        foreach (var prototype in Prototypes())
        {
            var info = options.GetTypeInfo(prototype.GetType());
            var written = JsonSerializer.SerializeToNode(prototype, info)!.AsObject();
            var required = info.Properties.Where(p => p.IsRequired).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            defaults[info.Type] = written.Where(p => !required.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();
        }

        return defaults;
    }
}
