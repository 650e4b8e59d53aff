namespace Cargo.Doctor.Facts;

/// <summary>
/// Whether the server compares schema and table names as written (true) or folds ASCII letters to lower case
/// (false), for the Cargo user's sessions: Redshift folds unless enable_case_sensitive_identifier is true
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html). Null when it could not be told (the Cargo
/// user's own setting differs from the login's, or could not be read): names are then compared as written.
/// User names are never folded: "The case of a username enclosed in double quotation marks is always
/// preserved" (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html).
/// </summary>
/// <param name="Note">One line for the report: what was read and what follows.</param>
public sealed record IdentifierCaseFacts(bool? CaseSensitive, string Note)
{
    /// <summary>The name the server will look up for a name the customer typed.</summary>
    public string Fold(string name) => CaseSensitive == false ? FoldAscii(name) : name;

    /// <summary>ASCII letters only: r_names.html folds "ASCII letters"; other letters keep their case.</summary>
    public static string FoldAscii(string name) =>
        string.Create(name.Length, name, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
            }
        });
}
