using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Tests.Facts;

/// <summary>
/// A facts snapshot with every property set (strings with quotes, markup and non-ASCII, the last
/// value of every enum, one item in every list), built by reflection so that facts added later are
/// filled too.
/// </summary>
public static class FilledFacts
{
    public static FactsSnapshot Create() =>
        (FactsSnapshot)Fill(typeof(FactsSnapshot), "facts", depth: 0) with { SchemaVersion = FactsSnapshot.CurrentSchemaVersion };

    private static object Fill(Type type, string name, int depth)
    {
        if (depth > 12)
        {
            throw new InvalidOperationException($"the facts nest deeper than expected at {type.Name}.{name}");
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return $"{name} \"q\" <&> ü";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double))
        {
            return Convert.ChangeType(7, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 11, 25, 9, 30, 15, TimeSpan.FromHours(1));
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            var list = Array.CreateInstance(element, 1);
            list.SetValue(Fill(element, name, depth + 1), 0);
            return list;
        }

        return FillObject(type, depth);
    }

    private static object FillObject(Type type, int depth)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = constructor.GetParameters();
        var instance = constructor.Invoke(parameters.Select(p => Fill(p.ParameterType, p.Name!, depth + 1)).ToArray());
        foreach (var property in FactsTypeGraph.SerializedProperties(type).Where(p => p.SetMethod is { IsPublic: true }))
        {
            if (!parameters.Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                property.SetValue(instance, Fill(property.PropertyType, property.Name, depth + 1));
            }
        }

        return instance;
    }
}
