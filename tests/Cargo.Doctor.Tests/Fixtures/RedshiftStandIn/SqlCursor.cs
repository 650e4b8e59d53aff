using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>A name as written in a statement: its text and whether it was double-quoted.</summary>
public sealed record SqlName(string Value, bool Quoted);

/// <summary>
/// Walks the tokens of one statement for the SQL path's grammar; every unexpected token is a syntax
/// error naming it. Names come back as written, to be folded by <see cref="IdentifierFolding"/>.
/// </summary>
internal sealed class SqlCursor(List<SqlToken> tokens)
{
    public int Position { get; set; }

    public bool More => Position < tokens.Count;

    public SqlToken? Peek => More ? tokens[Position] : null;

    public SqlToken? PeekAt(int ahead) => Position + ahead < tokens.Count ? tokens[Position + ahead] : null;

    public IReadOnlyList<SqlToken> Tokens => tokens;

    public bool Accept(params string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (PeekAt(i) is not { } t || !t.Is(words[i]))
            {
                return false;
            }
        }

        Position += words.Length;
        return true;
    }

    public bool AcceptSymbol(string symbol)
    {
        if (Peek is { } t && t.IsSymbol(symbol))
        {
            Position++;
            return true;
        }

        return false;
    }

    public void Expect(params string[] words)
    {
        if (!Accept(words))
        {
            throw RedshiftStatement.Syntax($"expected {string.Join(' ', words)} near '{Near()}'");
        }
    }

    public SqlToken Take(string what) => More ? tokens[Position++] : throw RedshiftStatement.Syntax($"statement ends where {what} was expected");

    public SqlName Name(string what)
    {
        var token = Take(what);
        return token.Kind switch
        {
            SqlTokenKind.Word => new SqlName(token.Text, false),
            SqlTokenKind.QuotedIdent => new SqlName(token.Value, true),
            _ => throw RedshiftStatement.Syntax($"expected {what} near '{token.Text}'"),
        };
    }

    public string String(string what)
    {
        var token = Take(what);
        return token.Kind == SqlTokenKind.String ? token.Value : throw RedshiftStatement.Syntax($"expected {what} in single quotes near '{token.Text}'");
    }

    /// <summary>Uppercased words up to the next comma or one of the stop words (a multi-word keyword such as CREATE OR REPLACE FUNCTION).</summary>
    public string Words(params string[] stops)
    {
        var words = new List<string>();
        while (Peek is { Kind: SqlTokenKind.Word } t && !stops.Any(t.Is))
        {
            words.Add(t.Upper);
            Position++;
        }

        return string.Join(' ', words);
    }

    public void End()
    {
        if (More)
        {
            throw RedshiftStatement.Syntax($"unexpected '{Near()}'");
        }
    }

    public string Near() => More ? tokens[Position].Text : "end of statement";
}

/// <summary>
/// Redshift's identifier folding: "ASCII letters in standard and delimited identifiers are
/// case-insensitive and are folded to lowercase in the database"
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html), unless the session's
/// enable_case_sensitive_identifier is true for a quoted name; "The case of a username enclosed in
/// double quotation marks is always preserved regardless of the setting"
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html).
/// Role and group names: the pages are silent; they fold like other identifiers (UNCONFIRMED).
/// </summary>
public static class IdentifierFolding
{
    public static string Fold(string name) => string.Create(name.Length, name, (span, s) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            span[i] = s[i] is >= 'A' and <= 'Z' ? (char)(s[i] + 32) : s[i];
        }
    });

    /// <summary>The name PostgreSQL stores: unquoted names always fold; quoted ones unless case-sensitive (or a user name).</summary>
    public static string Resolve(SqlName name, bool caseSensitive, bool isUser = false) =>
        !name.Quoted || (!caseSensitive && !isUser) ? Fold(name.Value) : name.Value;

    public static string Quoted(SqlName name, bool caseSensitive, bool isUser = false) => SqlQuote.Ident(Resolve(name, caseSensitive, isUser));
}
