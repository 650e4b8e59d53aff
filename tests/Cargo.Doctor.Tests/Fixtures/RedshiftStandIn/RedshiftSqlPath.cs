using System.Text;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>What PostgreSQL runs for one client statement; CaseSettingTouched: re-read enable_case_sensitive_identifier afterwards.</summary>
public sealed record SqlTranslation(string Sql, bool Translated, bool CaseSettingTouched = false);

/// <summary>
/// The stand-in's SQL path: one Redshift statement in, the PostgreSQL statement that gives Redshift's
/// effect on the emulation (Fixtures/redshift-emulation.sql) out. Redshift-only statements are
/// translated (users, groups, roles, GRANT/REVOKE in all their Redshift forms, the
/// enable_case_sensitive_identifier setting); everything else passes through with its quoted
/// identifiers folded as Redshift folds them. Redshift-only statements the stand-in does not emulate
/// fail closed with "stand-in: ... is not emulated" (a <see cref="StatementRejectedException"/>).
/// UNLOAD and COPY from S3 are not handled here (see <see cref="RedshiftStatement"/>).
/// </summary>
public static class RedshiftSqlPath
{
    /// <summary>The PostgreSQL placeholder setting that holds Redshift's enable_case_sensitive_identifier (default set on the server's command line).</summary>
    public const string CaseSetting = "rs.enable_case_sensitive_identifier";

    /// <summary>Statement starts that only Redshift has and the stand-in does not emulate.</summary>
    private static readonly string[][] NotEmulatedStarts =
    [
        ["CREATE", "EXTERNAL"], ["ALTER", "EXTERNAL"], ["DROP", "EXTERNAL"], ["CREATE", "DATASHARE"], ["ALTER", "DATASHARE"], ["DROP", "DATASHARE"],
        ["CREATE", "MODEL"], ["DROP", "MODEL"], ["CREATE", "LIBRARY"], ["DROP", "LIBRARY"], ["CREATE", "MATERIALIZED"], ["REFRESH", "MATERIALIZED"],
        ["CREATE", "RLS"], ["ATTACH", "RLS"], ["DETACH", "RLS"], ["CREATE", "MASKING"], ["ATTACH", "MASKING"], ["CREATE", "IDENTITY"],
        ["ALTER", "ROLE"], ["VACUUM"], ["CANCEL"], ["ANALYZE", "COMPRESSION"],
    ];

    /// <summary>Table attributes only Redshift's CREATE TABLE has (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html).</summary>
    private static readonly string[] RedshiftTableWords = ["DISTSTYLE", "DISTKEY", "SORTKEY", "ENCODE", "INTERLEAVED", "COMPOUND", "BACKUP"];

    /// <summary>All statements of a message text (a simple Query may hold several), translated and joined.</summary>
    public static SqlTranslation TranslateText(string text, bool caseSensitive)
    {
        var statements = RedshiftLexer.Split(text);
        if (statements.Count <= 1)
        {
            return statements.Count == 0 ? new SqlTranslation(text, false) : Translate(statements[0], caseSensitive);
        }

        var parts = statements.Select(s => Translate(s, caseSensitive)).ToList();
        return new SqlTranslation(string.Join(";\n", parts.Select(p => p.Sql)), parts.Any(p => p.Translated), parts.Any(p => p.CaseSettingTouched));
    }

    public static SqlTranslation Translate(string statement, bool caseSensitive)
    {
        var tokens = RedshiftLexer.Read(statement);
        if (tokens.Count == 0)
        {
            return new SqlTranslation(statement, false);
        }

        var cursor = new SqlCursor(tokens);
        if (RedshiftUserStatements.Translate(cursor, caseSensitive) is { } users)
        {
            return users;
        }

        cursor.Position = 0;
        if (tokens[0].Is("GRANT") || tokens[0].Is("REVOKE") || (tokens.Count > 2 && tokens[0].Is("ALTER") && tokens[1].Is("DEFAULT")))
        {
            return new SqlTranslation(RedshiftGrantStatements.Translate(cursor, caseSensitive), true);
        }

        foreach (var start in NotEmulatedStarts)
        {
            if (start.Length <= tokens.Count && start.Select((w, i) => tokens[i].Is(w)).All(x => x))
            {
                throw RedshiftStatement.NotEmulated(string.Join(' ', start));
            }
        }

        if (tokens[0].Is("CREATE") && tokens.Any(t => t.Is("TABLE")) && tokens.FirstOrDefault(t => RedshiftTableWords.Any(t.Is)) is { } word)
        {
            throw RedshiftStatement.NotEmulated($"CREATE TABLE ... {word.Upper}");
        }

        return PassThrough(statement, tokens, caseSensitive);
    }

    /// <summary>
    /// The statement as written, with quoted identifiers folded (a quoted name after USER, AUTHORIZATION
    /// or OWNER TO is a user name and keeps its case), literals with backslash escapes re-quoted for
    /// PostgreSQL's standard strings, and current_setting('enable_case_sensitive_identifier') read from
    /// the emulation's setting.
    /// </summary>
    private static SqlTranslation PassThrough(string statement, List<SqlToken> tokens, bool caseSensitive)
    {
        var sql = new StringBuilder();
        var from = 0;
        var changed = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            string? replacement = null;
            if (t.Kind == SqlTokenKind.QuotedIdent && !caseSensitive && !IsUserPosition(tokens, i) && IdentifierFolding.Fold(t.Value) != t.Value)
            {
                replacement = SqlQuote.Ident(IdentifierFolding.Fold(t.Value));
            }
            else if (t.Kind == SqlTokenKind.String && IsCaseSettingArgument(tokens, i))
            {
                replacement = SqlQuote.Literal(CaseSetting);
            }
            else if (t.Kind == SqlTokenKind.String && t.Text.Contains('\\'))
            {
                replacement = SqlQuote.Literal(t.Value);
            }

            if (replacement is not null)
            {
                sql.Append(statement, from, t.Start - from).Append(replacement);
                from = t.End;
                changed = true;
            }
        }

        sql.Append(statement, from, statement.Length - from);
        return new SqlTranslation(changed ? sql.ToString() : statement, false);
    }

    private static bool IsUserPosition(List<SqlToken> tokens, int i) =>
        i > 0 && (tokens[i - 1].Is("USER") || tokens[i - 1].Is("AUTHORIZATION") || (i > 1 && tokens[i - 1].Is("TO") && tokens[i - 2].Is("OWNER")));

    private static bool IsCaseSettingArgument(List<SqlToken> tokens, int i) =>
        i > 1 && tokens[i - 1].IsSymbol("(") && tokens[i - 2].Is("current_setting")
        && string.Equals(tokens[i].Value, "enable_case_sensitive_identifier", StringComparison.OrdinalIgnoreCase);

    /// <summary>A DO block running the given PL/pgSQL statements: one round trip, one transaction, works in simple and extended protocol.</summary>
    public static string Do(IEnumerable<string> plpgsql)
    {
        var tag = "$rs_" + Guid.NewGuid().ToString("N")[..8] + "$";
        return $"DO {tag} BEGIN {string.Join(" ", plpgsql)} END {tag}";
    }

    /// <summary>EXECUTE of one SQL statement inside <see cref="Do"/>.</summary>
    public static string Execute(string sql) => $"EXECUTE {SqlQuote.Literal(sql)};";
}
