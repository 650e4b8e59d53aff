using System.Globalization;
using System.Text;

namespace Cargo.Doctor.Quoting;

/// <summary>
/// Text read from a file, shown in the terminal, report.md or a fix script comment: C0 and C1 control
/// characters (ESC, BEL, CSI…), DEL, line and paragraph separators, bidirectional overrides and lone
/// surrogates become visible <c>\uXXXX</c> escapes, so a name cannot move the cursor, recolour the
/// terminal, end a comment line or reorder what is shown.
/// </summary>
public static class DisplayText
{
    /// <param name="keepLineBreaks">Keep '\n' (and tabs): for multi-line output such as a code block or an error list.</param>
    public static string Escape(string text, bool keepLineBreaks = false)
    {
        bool Escaped(char c) => NeedsEscape(c) && !(keepLineBreaks && c is '\n' or '\t');
        if (!text.Any(Escaped) && !HasLoneSurrogate(text))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                result.Append(c).Append(text[++i]);
            }
            else if (Escaped(c) || char.IsSurrogate(c))
            {
                result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>True for a character <see cref="Escape"/> rewrites (surrogates aside).</summary>
    public static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
