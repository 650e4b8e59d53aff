using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Setup;

/// <summary>
/// psql meta-commands in setup.sql (https://www.postgresql.org/docs/current/app-psql.html,
/// "Meta-Commands"). psql reads <c>\connect</c>'s database name like an SQL identifier without
/// folding case: inside double quotes everything is literal (no <c>:variable</c>, backquote or
/// backslash processing) and a doubled double quote is one; double quotes are stripped even from a
/// single-quoted argument, so single quotes cannot carry one. A name that holds <c>=</c> or starts
/// with a URI prefix is read as a connection string, so such a name goes in one
/// (<c>dbname='…'</c>, libpq quoting), reusing the current host, port and user.
/// </summary>
public static class PsqlMeta
{
    public static string Connect(string database)
    {
        var conninfo = database.Contains('=', StringComparison.Ordinal)
            || database.StartsWith("postgresql://", StringComparison.Ordinal)
            || database.StartsWith("postgres://", StringComparison.Ordinal);
        return conninfo
            ? "\\connect -reuse-previous=on " + SqlQuote.Ident("dbname='" + database.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'")
            : "\\connect " + SqlQuote.Ident(database);
    }
}
