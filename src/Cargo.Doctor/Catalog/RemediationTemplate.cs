using System.Text;
using System.Text.RegularExpressions;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Catalog;

/// <summary>
/// A named fix from a check's "Remediation" section: one or more blocks (SQL, shell, console steps)
/// with <c>{{placeholder}}</c> holes that a rule fills with already-quoted names.
/// </summary>
public sealed partial class RemediationTemplate(string key, IReadOnlyList<RemediationBlock> blocks)
{
    public string Key { get; } = key;

    public IReadOnlyList<RemediationBlock> Blocks { get; } = blocks;

    /// <summary>The placeholder names the template uses, for catalog validation.</summary>
    public IEnumerable<string> Placeholders =>
        Blocks.SelectMany(b => PlaceholderPattern().Matches(b.Text).Select(m => m.Groups[1].Value)).Distinct();

    /// <summary>Fills the template; a placeholder with no value is a bug in the rule, so it throws.</summary>
    public IReadOnlyList<RemediationStep> Render(IReadOnlyDictionary<string, string> values) =>
        Blocks.Select(b => new RemediationStep(Key, b.Kind, Fill(b.Text, values, markdown: b.Kind == "console"))).ToList();

    // Console steps are Markdown: a customer's name must not turn into emphasis or a link there.
    private string Fill(string text, IReadOnlyDictionary<string, string> values, bool markdown)
    {
        var result = new StringBuilder(text.Length);
        var last = 0;
        foreach (Match m in PlaceholderPattern().Matches(text))
        {
            result.Append(text, last, m.Index - last);
            var name = m.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"remediation '{Key}' needs a value for '{{{{{name}}}}}'");
            }

            result.Append(markdown ? MarkdownText.Escape(value) : value);
            last = m.Index + m.Length;
        }

        result.Append(text, last, text.Length - last);
        return result.ToString().TrimEnd();
    }

    [GeneratedRegex(@"\{\{\s*([a-zA-Z0-9_-]+)\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}

/// <summary>One block of a remediation template: a fenced code block or console steps.</summary>
public sealed record RemediationBlock(string Kind, string Text);
