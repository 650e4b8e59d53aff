using System.Globalization;
using Cargo.Doctor.Sources.Probes;

namespace Cargo.Doctor.Tests.Sources.Probes;

/// <summary>A column of <see cref="ModelTable"/>: its name and type as the CREATE TABLE wrote them.</summary>
public sealed record ModelColumn(string Name, string Type, int? Length, int? Scale)
{
    /// <summary>
    /// Text as it would come back through Npgsql (the value a real server returns, formatted as the
    /// executor does: invariant text, NUMERIC with its declared scale, TIMESTAMP to microseconds,
    /// BOOLEAN as true/false); an unparsable or too long value fails like the server would
    /// (https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html; error wording UNCONFIRMED, SQLSTATE as PostgreSQL).
    /// </summary>
    public string? Convert(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Type switch
        {
            "INT" or "INTEGER" => long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? i.ToString(CultureInfo.InvariantCulture)
                : throw Invalid("integer", text),
            "NUMERIC" or "DECIMAL" => decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
                ? Math.Round(d, Scale ?? 0, MidpointRounding.AwayFromZero).ToString("F" + (Scale ?? 0), CultureInfo.InvariantCulture)
                : throw Invalid("numeric", text),
            "TIMESTAMP" => DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)
                : throw Invalid("timestamp", text),
            "BOOLEAN" or "BOOL" => text.Trim().ToLowerInvariant() switch
            {
                "t" or "true" or "1" => "true",
                "f" or "false" or "0" => "false",
                _ => throw Invalid("boolean", text),
            },
            "VARCHAR" => Length is { } n && text.Length > n
                ? throw new ProbeStatementException("22001", $"value too long for type character varying({n})")
                : text,
            _ => throw new ProbeStatementException("0A000", $"fake: column type {Type} is not modelled"),
        };
    }

    private static ProbeStatementException Invalid(string type, string text) => new("22P02", $"invalid input syntax for type {type}: \"{text}\"");
}

/// <summary>A table of the model: its columns and rows (values already in <see cref="ModelColumn.Convert"/>'s text).</summary>
public sealed class ModelTable(string schema, string name, IReadOnlyList<ModelColumn> columns)
{
    public string Schema => schema;

    public string Name => name;

    public IReadOnlyList<ModelColumn> Columns => columns;

    public List<string?[]> Rows { get; } = [];

    public int Index(string column) =>
        columns.ToList().FindIndex(c => c.Name == column) is var i and >= 0
            ? i
            : throw new ProbeStatementException("42703", $"column \"{column}\" of relation \"{name}\" does not exist");

    /// <summary>Adds one row given values for the named columns (the others NULL), converted to the column types.</summary>
    public void Insert(IReadOnlyList<string> names, IReadOnlyList<string?> values)
    {
        if (names.Count != values.Count)
        {
            throw new ProbeStatementException("42601", $"INSERT has {values.Count} value(s) for {names.Count} column(s)");
        }

        var row = new string?[columns.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var c = Index(names[i]);
            row[c] = columns[c].Convert(values[i]);
        }

        Rows.Add(row);
    }

    public IReadOnlyList<IReadOnlyList<string?>> Select(IReadOnlyList<string> names, string? orderBy)
    {
        var indexes = names.Select(Index).ToList();
        IEnumerable<string?[]> rows = Rows;
        if (orderBy is not null)
        {
            var key = Index(orderBy);
            var numeric = columns[key].Type is "INT" or "INTEGER" or "NUMERIC" or "DECIMAL";
            // NULLs sort last in ascending order (https://docs.aws.amazon.com/redshift/latest/dg/r_ORDER_BY_clause.html).
            rows = rows.OrderBy(r => r[key] is null)
                .ThenBy(r => numeric && r[key] is { } v ? decimal.Parse(v, CultureInfo.InvariantCulture) : 0m)
                .ThenBy(r => numeric ? "" : r[key], StringComparer.Ordinal);
        }

        return rows.Select(r => (IReadOnlyList<string?>)indexes.Select(i => r[i]).ToList()).ToList();
    }
}
