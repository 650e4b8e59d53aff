namespace Cargo.Doctor.IamPolicies;

/// <summary>IAM's <c>*</c> / <c>?</c> matching for actions and resource ARNs.</summary>
public static class IamWildcard
{
    /// <summary>Actions match case-insensitively: <c>sts:assume*</c> matches <c>sts:AssumeRole</c>.</summary>
    public static bool MatchesAction(string pattern, string action) =>
        Matches(pattern, action, ignoreCase: true, isArn: false);

    /// <summary>
    /// ARNs match case-sensitively. A <c>*</c> stays inside its colon-separated segment unless it is
    /// the last character of the segment, in which case it may run past colons (IAM Resource element docs).
    /// </summary>
    public static bool MatchesArn(string pattern, string arn) =>
        Matches(pattern, arn, ignoreCase: false, isArn: true);

    /// <summary>Plain case-sensitive glob (StringLike).</summary>
    public static bool MatchesString(string pattern, string value) =>
        Matches(pattern, value, ignoreCase: false, isArn: false);

    private static bool Matches(string pattern, string text, bool ignoreCase, bool isArn)
    {
        // matches[i, j]: pattern[i..] matches text[j..]; filled from the end.
        var matches = new bool[pattern.Length + 1, text.Length + 1];
        matches[pattern.Length, text.Length] = true;
        for (var i = pattern.Length - 1; i >= 0; i--)
        {
            var p = pattern[i];
            var starMayCrossColon = !isArn || i == pattern.Length - 1 || pattern[i + 1] == ':';
            for (var j = text.Length; j >= 0; j--)
            {
                var hasChar = j < text.Length;
                matches[i, j] = p switch
                {
                    '*' => matches[i + 1, j]
                           || (hasChar && (text[j] != ':' || starMayCrossColon) && matches[i, j + 1]),
                    '?' => hasChar && matches[i + 1, j + 1],
                    _ => hasChar && SameChar(p, text[j], ignoreCase) && matches[i + 1, j + 1],
                };
            }
        }

        return matches[0, 0];
    }

    private static bool SameChar(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
