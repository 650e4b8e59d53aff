using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cargo.Doctor.Facts;

/// <summary>
/// A facts file lacking a property that a record takes as a non-nullable constructor parameter without
/// a default (a probe statement's <c>sql</c>): source-generated metadata passes null for it, and a
/// rule then fails on the null (exit 70). Such a file is invalid, naming the JSON path. Parameters
/// that may be null are not required: the file omits nulls. RespectRequiredConstructorParameters would
/// also require those (https://learn.microsoft.com/en-us/dotnet/standard/serialization/system-text-json/required-properties).
/// </summary>
internal static class FactsRequiredCheck
{
    public static void Check(JsonElement root, JsonTypeInfo info, string path = "$")
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when root.ValueKind == JsonValueKind.Object:
                foreach (var property in info.Properties)
                {
                    if (!root.TryGetProperty(property.Name, out var child))
                    {
                        if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false, IsMemberInitializer: false })
                        {
                            throw new FormatException($"{path}: the property {property.Name} is missing");
                        }

                        continue;
                    }

                    if (!property.PropertyType.IsPrimitive && property.PropertyType != typeof(string))
                    {
                        Check(child, info.Options.GetTypeInfo(property.PropertyType), $"{path}.{property.Name}");
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when root.ValueKind == JsonValueKind.Array:
                var element = info.Options.GetTypeInfo(info.ElementType!);
                if (element.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Enumerable)
                {
                    var index = 0;
                    foreach (var item in root.EnumerateArray())
                    {
                        Check(item, element, $"{path}[{index++}]");
                    }
                }

                break;
        }
    }
}
