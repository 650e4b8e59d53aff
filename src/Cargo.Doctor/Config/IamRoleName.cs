using System.Text.RegularExpressions;

namespace Cargo.Doctor.Config;

/// <summary>
/// An IAM role name: 1 to 64 characters of letters, digits and <c>+=,.@_-</c> (RoleName, pattern <c>[\w+=,.@-]+</c>:
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). Anchored with <c>\A...\z</c>: <c>$</c>
/// also matches before a final line break, which would let <c>"name\n"</c> through.
/// </summary>
public static partial class IamRoleName
{
    public const string Expected = "an IAM role name is 1 to 64 letters, digits and + = , . @ _ -";

    public static bool IsValid(string text) => Pattern().IsMatch(text);

    [GeneratedRegex(@"\A[A-Za-z0-9_+=,.@-]{1,64}\z")]
    private static partial Regex Pattern();
}
