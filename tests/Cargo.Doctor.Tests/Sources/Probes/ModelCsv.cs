using System.Text;

namespace Cargo.Doctor.Tests.Sources.Probes;

/// <summary>
/// CSV as UNLOAD writes and COPY reads it with FORMAT AS CSV: fields separated by commas, quoted
/// with double quotes when they hold a comma, quote or line break, a quote inside doubled; the
/// NULL AS string written unquoted for NULL and read back as NULL only when unquoted
/// (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-csv,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html "CSV", "NULL AS").
/// </summary>
public static class ModelCsv
{
    public static string Write(IEnumerable<IReadOnlyList<string?>> rows, string nullAs)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row.Select(v => v is null ? nullAs : Field(v, nullAs)))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Each record's fields; an unquoted field equal to <paramref name="nullAs"/> is NULL.</summary>
    public static List<List<string?>> Read(string text, string nullAs)
    {
        var records = new List<List<string?>>();
        var record = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = quoted = true;
            }
            else if (c == ',')
            {
                EndField();
            }
            else if (c == '\n')
            {
                EndField();
                records.Add(record);
                record = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            EndField();
            records.Add(record);
        }

        return records;

        void EndField()
        {
            var value = field.ToString();
            record.Add(!quoted && value == nullAs ? null : value);
            field.Clear();
            quoted = false;
        }
    }

    private static string Field(string value, string nullAs) =>
        value.Length == 0 || value == nullAs || value.IndexOfAny([',', '"', '\n', '\r']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
