namespace Cargo.Doctor.Quoting;

/// <summary>
/// Quoting for SQL we print or run. Identifiers are always double-quoted (Redshift folds unquoted
/// names to lower case, so quoting keeps the customer's exact name); literals are single-quoted.
/// </summary>
public static class SqlQuote
{
    public static string Ident(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static string Qualified(string schema, string name) => Ident(schema) + "." + Ident(name);

    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>
    /// A literal for UNLOAD/COPY (the query text, S3 paths, role chains): quotes doubled, and
    /// backslashes doubled too, since Redshift reads a backslash there as an escape (UNLOAD docs).
    /// </summary>
    public static string UnloadLiteral(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
