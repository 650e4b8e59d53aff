using System.Text;
using System.Text.RegularExpressions;

namespace Cargo.Doctor.Quoting;

/// <summary>
/// Escaping for customer-controlled text (schema names, error messages) placed in Markdown:
/// every ASCII punctuation that Markdown could read as syntax is backslash-escaped, and code
/// fences are made longer than any run of backticks inside.
/// </summary>
public static partial class MarkdownText
{
    // Inline syntax only: escaped text never starts a line, so list and heading marks are safe.
    private const string Special = "\\`*_[]<>|~&!#";

    public static string Escape(string text)
    {
        // Control characters first, as visible \uXXXX (whose backslash is then escaped below).
        text = DisplayText.Escape(text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' '));
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                result.Append(' ');
                continue;
            }

            // An underscore inside a word (cargo_user) never starts emphasis: keep names readable.
            var insideWord = c == '_' && i > 0 && i < text.Length - 1 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);
            if (Special.Contains(c) && !insideWord)
            {
                result.Append('\\');
            }

            result.Append(c);
        }

        return result.ToString();
    }

    public static string Fence(string content, string info = "")
    {
        content = DisplayText.Escape(content.Replace("\r\n", "\n", StringComparison.Ordinal), keepLineBreaks: true);
        var longest = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}{info}\n{content.TrimEnd()}\n{fence}\n";
    }

    /// <summary>Markdown prose as plain text (a fix script's comment lines): every backslash escape of ASCII punctuation removed.</summary>
    public static string Unescape(string text) => BackslashEscape().Replace(text, "$1");

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex BackslashEscape();
}
