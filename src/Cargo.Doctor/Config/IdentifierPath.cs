using System.Text;

namespace Cargo.Doctor.Config;

/// <summary>Splits and formats dotted names where each part may be double-quoted.</summary>
internal static class IdentifierPath
{
    public static List<string> Split(string text, string original)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (i <= text.Length)
        {
            if (i == text.Length || text[i] == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
                i++;
                continue;
            }

            if (text[i] == '"' && current.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ConfigException($"'{original}': unterminated quoted name");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            current.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    current.Append(text[i++]);
                }

                if (i < text.Length && text[i] != '.')
                {
                    throw new ConfigException($"'{original}': unexpected text after a quoted name");
                }

                continue;
            }

            current.Append(text[i++]);
        }

        if (parts.Any(p => p.Length == 0))
        {
            throw new ConfigException($"'{original}': empty name");
        }

        return parts;
    }

    public static string Format(string name) =>
        name.IndexOfAny(['.', ':', '"', ' ']) >= 0 ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
}
