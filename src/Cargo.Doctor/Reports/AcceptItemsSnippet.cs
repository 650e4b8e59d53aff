using System.Globalization;
using System.Text;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports;

/// <summary>
/// The <c>accept:</c> entry that accepts exactly what a finding holds now, ready to paste under
/// <c>accept:</c> in the config file: the check and its <c>items:</c> (each item key double-quoted
/// for YAML). Reason, owner and expires are left for the person who answers for it.
/// </summary>
public static class AcceptItemsSnippet
{
    /// <summary>Problems, and accepted findings whose acceptance lists no items yet (so the report can ask for them).</summary>
    public static bool Shown(Finding finding) =>
        finding.Status is CheckStatus.Fail or CheckStatus.Warn or CheckStatus.Unknown
        || finding is { Status: CheckStatus.Accepted, Acceptance: { Expired: false, Items: null } };

    public static string Yaml(string checkId, Finding finding)
    {
        var yaml = new StringBuilder();
        yaml.Append("  - check: ").Append(Quote(checkId)).Append('\n');
        yaml.Append("    items:\n");
        foreach (var key in FindingItemIdentity.AcceptableKeys(finding))
        {
            yaml.Append("      - ").Append(Quote(key.Text)).Append('\n');
        }

        yaml.Append("    reason: \"\"   # why this is accepted\n");
        yaml.Append("    owner: \"\"    # who answers for it\n");
        yaml.Append("    expires: \"\"  # YYYY-MM-DD, at most a year away\n");
        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar: backslash, quote and anything unprintable escaped (https://yaml.org/spec/1.2.2/#57-escaped-characters).</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                _ when char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
