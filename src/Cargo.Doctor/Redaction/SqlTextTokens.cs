using System.Text;
using System.Text.RegularExpressions;

namespace Cargo.Doctor.Redaction;

/// <summary>
/// The SQL-aware part of redaction, for statement text from the warehouse's history (it can name any
/// table and hold any value): every identifier that is not a keyword and every literal becomes a token
/// of <see cref="RedactionTokens"/>, so the same name is the same token everywhere. Literals of four characters or
/// more and table or schema names of three or more are also registered for the rest of the facts (an error text
/// naming the table); column names and short names only in the statement itself, so they do not swallow
/// words of other texts ("note", "id").
/// </summary>
public static partial class SqlTextTokens
{
    private const int GlobalNameLength = 3;

    private static readonly HashSet<string> ObjectKeywords = new(StringComparer.OrdinalIgnoreCase) { "from", "into", "table", "join", "update", "copy", "schema" };

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "where", "and", "or", "not", "null", "is", "in", "as", "on", "join", "left", "right", "inner", "outer", "full",
        "cross", "group", "by", "order", "having", "limit", "offset", "union", "all", "distinct", "case", "when", "then", "else", "end",
        "insert", "into", "values", "update", "set", "delete", "create", "table", "temp", "temporary", "view", "schema", "drop", "alter",
        "grant", "revoke", "to", "with", "copy", "unload", "iam_role", "format", "csv", "json", "parquet", "region", "header", "ignoreheader",
        "delimiter", "manifest", "gzip", "timeformat", "dateformat", "allowoverwrite", "cleanpath", "parallel", "usage", "assumerole", "for",
        "if", "exists", "like", "between", "asc", "desc", "true", "false", "default", "primary", "key", "int", "integer", "bigint", "varchar",
        "text", "timestamp", "boolean", "begin", "commit", "rollback", "truncate", "merge", "using", "returning", "function", "procedure",
    };

    /// <summary>Registers the statement's names and literals (see the class summary).</summary>
    public static void Collect(string statement, RedactionTokens tokens)
    {
        string? previous = null;
        foreach (Match m in Lexeme().Matches(statement))
        {
            if (Name(m) is { } name && (m.Groups["literal"].Success ? name.Length > GlobalNameLength : name.Length >= GlobalNameLength && IsObjectName(statement, m, previous)))
            {
                tokens.Add(m.Groups["literal"].Success ? "literal" : "identifier", name);
            }

            previous = m.Value;
        }
    }

    /// <summary>A table or schema position (after FROM, INTO, TABLE, JOIN, UPDATE, COPY, or part of a dotted name): column names stay local.</summary>
    private static bool IsObjectName(string statement, Match m, string? previous) =>
        ObjectKeywords.Contains(previous ?? "")
        || (m.Index > 0 && statement[m.Index - 1] == '.')
        || (m.Index + m.Length < statement.Length && statement[m.Index + m.Length] == '.');

    /// <summary>The statement with every identifier and literal replaced by its token; keywords, numbers and punctuation kept.</summary>
    public static string Redact(string statement, RedactionTokens tokens)
    {
        var text = new StringBuilder();
        var last = 0;
        foreach (Match m in Lexeme().Matches(statement))
        {
            text.Append(statement, last, m.Index - last);
            last = m.Index + m.Length;
            if (Name(m) is not { } name)
            {
                text.Append(m.Value);
                continue;
            }

            tokens.Add(m.Groups["literal"].Success ? "literal" : "identifier", name);
            var token = tokens.Map.TryGetValue(name, out var t) ? t : "redacted";
            text.Append(m.Groups["literal"].Success ? $"'{token}'" : token);
        }

        return text.Append(statement, last, statement.Length - last).ToString();
    }

    /// <summary>The name or value a lexeme carries; null for a keyword or a number.</summary>
    private static string? Name(Match m) =>
        m.Groups["literal"].Success ? m.Groups["literal"].Value.Replace("''", "'", StringComparison.Ordinal)
        : m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal)
        : m.Groups["word"].Success && !Keywords.Contains(m.Value) && !IsToken(m.Value) ? m.Value
        : null;

    private static bool IsToken(string word) => TokenWord().IsMatch(word);

    // A literal may be cut off by the shortening (no closing quote): it runs to the end then.
    [GeneratedRegex(@"'(?<literal>(?:[^']|'')*)(?:'|$)|""(?<quoted>(?:[^""]|"""")*)(?:""|$)|(?<word>[A-Za-z_][A-Za-z0-9_$]*)|\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Lexeme();

    [GeneratedRegex(@"^(identifier|literal|schema|database|table|user|role|group|host|ip|account|bucket|cluster)_\d+$")]
    private static partial Regex TokenWord();
}
