using System.Text;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>One lexical token of the SQL path: kind, raw text, decoded value and position in the statement.</summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, string Value, int Start, int End)
{
    public string Upper => Text.ToUpperInvariant();

    public bool Is(string word) => Kind == SqlTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;
}

public enum SqlTokenKind
{
    Word,
    String,
    QuotedIdent,
    DollarBody,
    Number,
    Parameter,
    Symbol,
}

/// <summary>
/// Redshift's lexical rules for the stand-in's SQL path: <c>--</c> and <c>/* */</c> comments, string
/// literals with <c>''</c> and backslash escapes (Redshift reads <c>\'</c> as a quote in literals:
/// https://docs.aws.amazon.com/redshift/latest/dg/r_names.html ("Standard identifiers" vs literals) and
/// t_Unloading_tables.html; that every literal takes backslash escapes is UNCONFIRMED), <c>"</c>
/// identifiers with <c>""</c>, <c>$tag$</c> bodies (r_CREATE_FUNCTION.html: "AS $$ ... $$") and
/// <c>$1</c> parameters. <see cref="Split"/> cuts a script into statements at top-level semicolons.
/// The one tokeniser of the stand-in: the SQL path and the UNLOAD/COPY grammar (<see cref="RedshiftStatement"/>,
/// which reads the SELECT inside an UNLOAD without backslash escapes) both use it.
/// </summary>
public static class RedshiftLexer
{
    public static List<SqlToken> Read(string sql, bool backslashEscapes = true)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? throw RedshiftStatement.Syntax("unterminated comment") : end + 2;
            }
            else if (c == '\'')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= sql.Length)
                    {
                        throw RedshiftStatement.Syntax("unterminated quoted string");
                    }

                    if (sql[i] == '\'' && At(sql, i + 1) == '\'')
                    {
                        value.Append('\'');
                        i += 2;
                    }
                    else if (sql[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else if (backslashEscapes && sql[i] == '\\' && i + 1 < sql.Length)
                    {
                        value.Append(sql[i + 1]);
                        i += 2;
                    }
                    else
                    {
                        value.Append(sql[i++]);
                    }
                }

                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], value.ToString(), start, i));
            }
            else if (c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= sql.Length)
                    {
                        throw RedshiftStatement.Syntax("unterminated quoted identifier");
                    }

                    if (sql[i] == '"' && At(sql, i + 1) == '"')
                    {
                        i += 2;
                    }
                    else if (sql[i++] == '"')
                    {
                        break;
                    }
                }

                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdent, sql[start..i], sql[(start + 1)..(i - 1)].Replace("\"\"", "\"", StringComparison.Ordinal), start, i));
            }
            else if (c == '$' && char.IsDigit(At(sql, i + 1)))
            {
                i++;
                while (i < sql.Length && char.IsDigit(sql[i]))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Parameter, sql[start..i], sql[start..i], start, i));
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = close < 0 ? throw RedshiftStatement.Syntax("unterminated $ quoted body") : close + tag.Length;
                tokens.Add(new SqlToken(SqlTokenKind.DollarBody, sql[start..i], sql[(start + tag.Length)..close], start, i));
            }
            else if (char.IsDigit(c))
            {
                while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], sql[start..i], start, i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], sql[start..i], start, i));
            }
            else
            {
                i++;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString(), c.ToString(), start, i));
            }
        }

        return tokens;
    }

    /// <summary>The statements of a script, each without its terminating semicolon; empty statements (comments only) are left out.</summary>
    public static List<string> Split(string script)
    {
        var statements = new List<string>();
        var from = 0;
        foreach (var token in Read(script))
        {
            if (token.IsSymbol(";"))
            {
                Add(script[from..token.Start]);
                from = token.End;
            }
        }

        Add(script[from..]);
        return statements;

        void Add(string text)
        {
            if (Read(text).Count > 0)
            {
                statements.Add(text.Trim());
            }
        }
    }

    /// <summary>"$$" or "$tag$" starting at i, or null.</summary>
    private static string? DollarTag(string sql, int i)
    {
        var j = i + 1;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_'))
        {
            j++;
        }

        return j < sql.Length && sql[j] == '$' ? sql[i..(j + 1)] : null;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';
}
