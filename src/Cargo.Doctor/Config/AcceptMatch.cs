namespace Cargo.Doctor.Config;

/// <summary>
/// An acceptance's <c>match</c> must name something specific: it is a plain substring that every
/// detail line must contain, so a blank, whitespace or punctuation-only text (":", ".", "*", ".*")
/// is in every line and would accept any later failure of the check.
/// </summary>
public static class AcceptMatch
{
    /// <summary>Letters or digits a match needs at least: one character is in nearly every line.</summary>
    public const int MinimumNameCharacters = 2;

    /// <summary>Why the match names nothing specific, or null when it does.</summary>
    public static string? Problem(string match) =>
        match.Count(char.IsLetterOrDigit) >= MinimumNameCharacters
            ? null
            : match.Trim().Length == 0
                ? "blank: it would match every detail line; name the schema, table or other object the accepted lines hold, or list items:"
                : $"'{match}' names nothing specific (fewer than {MinimumNameCharacters} letters or digits, and it is a plain text, not a pattern): name the schema, table or other object the accepted lines hold, or list items:";
}
