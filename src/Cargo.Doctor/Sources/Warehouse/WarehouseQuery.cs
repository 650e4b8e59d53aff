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

    /// <summary>
    /// Values of one list hole per statement. The extended query protocol counts a statement's
    /// parameters in an Int16 (https://www.postgresql.org/docs/current/protocol-message-formats.html,
    /// Bind), so Npgsql refuses more than 65,535; longer lists run as several statements.
    /// </summary>
    public const int MaxListValues = 30_000;

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

    /// <summary>
    /// Like <see cref="Bind"/>, with one list hole split into statements of at most
    /// <paramref name="batchSize"/> values (one statement when the list is short or empty).
    /// </summary>
    public IEnumerable<(string Sql, Dictionary<string, object> Parameters)> BindBatches(
        IReadOnlyDictionary<string, object>? scalars, string listName, IReadOnlyList<string> values, int batchSize = MaxListValues)
    {
        if (values.Count <= batchSize)
        {
            yield return Bind(scalars, new Dictionary<string, IReadOnlyList<string>> { [listName] = values });
            yield break;
        }

        foreach (var batch in values.Chunk(batchSize))
        {
            yield return Bind(scalars, new Dictionary<string, IReadOnlyList<string>> { [listName] = batch });
        }
    }
}
