using System.Text;
using System.Xml;

namespace Cargo.Doctor.Quoting;

/// <summary>
/// Customer text bound for XML: characters XML 1.0 cannot hold (most control characters, lone
/// surrogates) become U+FFFD, so a strange name never makes the JUnit file unreadable.
/// </summary>
public static class XmlText
{
    public static string Clean(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else
            {
                result.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }

        return result.ToString();
    }
}
