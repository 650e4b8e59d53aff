using System.Text;

namespace Cargo.Doctor.Findings;

/// <summary>
/// What one detail item is about, as named parts (database, schema, table, privilege, principal, IP,
/// role ARN, ...), never its display text: a reworded line, a new hint or a count is the same item.
/// <see cref="Text"/> is its one written form, <c>database=dev;schema=sales;lacks=USAGE</c>, as
/// report.json, baselines, acceptances (<c>items:</c>) and diff use it.
/// </summary>
public sealed record ItemKey
{
    private ItemKey(string text) => Text = text;

    /// <summary>Parts in the rule's order, each <c>name=value</c>, joined with <c>;</c>; see <see cref="Escape"/>.</summary>
    public string Text { get; }

    public static ItemKey Of(params (string Name, string Value)[] parts) =>
        new(string.Join(";", parts.Select(p => $"{p.Name}={Escape(p.Value)}")));

    /// <summary>A detail line that has no structured key (or comes from an older report.json): the line is the item.</summary>
    public static ItemKey Line(string text) => Of(("line", text));

    /// <summary>A key as written in report.json or the config file, taken as it is.</summary>
    public static ItemKey Parse(string text) => new(text);

    /// <summary>The same key with every value passed through <paramref name="map"/> (redaction tokens).</summary>
    public ItemKey MapValues(Func<string, string> map) => new(string.Join(";", Text.Split(';').Select(part =>
    {
        var at = part.IndexOf('=', StringComparison.Ordinal);
        return at < 0 ? part : $"{part[..(at + 1)]}{Escape(map(Unescape(part[(at + 1)..])))}";
    })));

    /// <summary>
    /// True when this item is <paramref name="other"/> or a part of it: the same parts, except that a
    /// list part (<c>lacks</c>, <c>unseen</c>: privileges) may name fewer entries. A table that lacked
    /// INSERT and DELETE and now lacks DELETE only is not a new problem; one that now lacks UPDATE is.
    /// </summary>
    public bool IsWithin(ItemKey other)
    {
        if (Text == other.Text)
        {
            return true;
        }

        var mine = Parts(Text);
        var theirs = Parts(other.Text);
        return mine.Count == theirs.Count && mine.Zip(theirs).All(p => p.First.Name == p.Second.Name && (p.First.Value == p.Second.Value
            || (ListParts.Contains(p.First.Name) && p.First.Value.Split(',').All(v => p.Second.Value.Split(',').Contains(v, StringComparer.Ordinal)))));
    }

    public override string ToString() => Text;

    private static readonly string[] ListParts = ["lacks", "unseen"];

    private static List<(string Name, string Value)> Parts(string text) => text.Split(';').Select(part =>
    {
        var at = part.IndexOf('=', StringComparison.Ordinal);
        return at < 0 ? (part, "") : (part[..at], part[(at + 1)..]);
    }).ToList();

    /// <summary>
    /// <c>%</c>, <c>;</c>, <c>=</c> and every control character become <c>%XX</c> (UTF-8), so the key
    /// splits back into its parts and prints on one line in any file.
    /// </summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '%' or ';' or '=' || Rune.IsControl(rune))
            {
                var n = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..n])
                {
                    text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                text.Append(rune.ToString());
            }
        }

        return text.ToString();
    }

    private static string Unescape(string value) => value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
}
