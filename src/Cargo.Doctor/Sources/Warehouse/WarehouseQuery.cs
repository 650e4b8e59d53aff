using System.Reflection;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// A catalog query from <c>Sources/Warehouse/Queries/*.sql</c>. <c>{name}</c> holes take a list of
/// values and become bound parameters (<c>@name0, @name1, ...</c>): Redshift has no array
/// parameters, and the list stays one statement whatever its length.
/// </summary>
public sealed class WarehouseQuery
{
    private readonly string _template;

    private WarehouseQuery(string name, string template)
    {
        Name = name;
        _template = template;
    }

    public string Name { get; }

    public static WarehouseQuery Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"WarehouseQueries.{name}.sql")
            ?? throw new InvalidOperationException($"embedded query '{name}.sql' not found");
        using var reader = new StreamReader(stream);
        return new WarehouseQuery(name, reader.ReadToEnd());
    }

    /// <summary>Expands list holes and returns the SQL with every parameter value.</summary>
    public (string Sql, Dictionary<string, object> Parameters) Bind(
        IReadOnlyDictionary<string, object>? scalars = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? lists = null)
    {
        var sql = _template;
        var parameters = new Dictionary<string, object>(scalars ?? new Dictionary<string, object>());
        foreach (var (name, values) in lists ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            // An empty IN () is a syntax error; NULL matches nothing.
            var names = values.Count == 0 ? ["NULL"] : values.Select((_, i) => $"@{name}{i}").ToList();
            for (var i = 0; i < values.Count; i++)
            {
                parameters[$"{name}{i}"] = values[i];
            }

            sql = sql.Replace("{" + name + "}", string.Join(", ", names));
        }

        return (sql, parameters);
    }
}
