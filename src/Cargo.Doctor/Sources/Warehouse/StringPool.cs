namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// One instance of each repeated catalog value (schema name, kind, owner) within one read: 200,000
/// table rows carry a few hundred distinct values, and keeping one copy each keeps the read's memory
/// and the collector's work from growing with the rows. Not thread-safe: one per statement read.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? Intern(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_values.TryGetValue(value, out var known))
        {
            return known;
        }

        _values[value] = value;
        return value;
    }
}
