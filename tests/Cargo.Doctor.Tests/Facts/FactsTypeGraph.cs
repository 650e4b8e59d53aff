using System.Reflection;

namespace Cargo.Doctor.Tests.Facts;

/// <summary>
/// Every type the facts file can hold, found by walking <c>FactsSnapshot</c>'s public properties the
/// way the serializer does (readable, not indexers), through nullables and lists.
/// </summary>
public static class FactsTypeGraph
{
    public static IReadOnlySet<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            type = Unwrap(type);
            if (!seen.Add(type) || type.IsEnum || type.IsPrimitive || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            {
                continue;
            }

            foreach (var property in SerializedProperties(type))
            {
                pending.Push(property.PropertyType);
            }
        }

        return seen;
    }

    /// <summary>What the serializer writes: public instance properties with a getter, indexers left out.</summary>
    public static IEnumerable<PropertyInfo> SerializedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    /// <summary>T for T?, the element type for a list, else the type itself.</summary>
    public static Type Unwrap(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying;
        }

        if (type != typeof(string) && ElementType(type) is { } element)
        {
            return Unwrap(element);
        }

        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
}
