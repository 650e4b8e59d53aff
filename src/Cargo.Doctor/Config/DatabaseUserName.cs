using System.Text;

namespace Cargo.Doctor.Config;

/// <summary>
/// A database user or role name the setup grants to: never PUBLIC, in any case or quoting ("The user name can't be
/// PUBLIC": https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html; a grant to PUBLIC is a grant to every
/// user: https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html), and at most 127 bytes
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html). Other reserved words are valid names when quoted,
/// and the tool quotes every name.
/// </summary>
public static class DatabaseUserName
{
    public const int MaxBytes = 127;

    /// <summary>What is wrong with the name, or null.</summary>
    public static string? Problem(string flag, string name)
    {
        if (IsPublic(name))
        {
            return $"{flag} '{name.Trim()}' means PUBLIC (every user): Redshift does not allow that name, and a grant to it would go to everyone";
        }

        return Encoding.UTF8.GetByteCount(name) > MaxBytes
            ? $"{flag} '{name[..Math.Min(name.Length, 40)]}…' is longer than {MaxBytes} bytes, the longest name Redshift allows"
            : null;
    }

    /// <summary>PUBLIC however written: any case, with or without the double quotes of a quoted identifier.</summary>
    public static bool IsPublic(string name)
    {
        var text = name.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return string.Equals(text, "public", StringComparison.OrdinalIgnoreCase);
    }
}
