using System.Globalization;
using System.Text.RegularExpressions;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>
/// An UNLOAD or COPY ... FROM 's3://...' statement, parsed after Redshift's documented grammar:
/// https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html and
/// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-authorization.html.
/// Only the options the probe can use are emulated; anything else fails closed with
/// <see cref="StatementRejectedException"/> ("stand-in: ... not emulated"), never a silent pass.
/// </summary>
public abstract partial record RedshiftStatement(string RoleChain, string S3Path, string? Region, string? NullAs)
{
    /// <summary>"You can chain up to 10 roles" (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_SCHEMA.html; for COPY/UNLOAD the same limit is UNCONFIRMED).</summary>
    public const int MaxChainLength = 10;

    public abstract string Command { get; }

    public IReadOnlyList<string> Roles => RoleChain.Split(',');

    public string Bucket => AfterScheme.Split('/')[0];

    /// <summary>The key prefix after the bucket ("" for the bucket's root).</summary>
    public string KeyPrefix => AfterScheme.Length > Bucket.Length ? AfterScheme[(Bucket.Length + 1)..] : "";

    private string AfterScheme => S3Path["s3://".Length..];

    /// <summary>
    /// The parsed statement; null when the text is not an UNLOAD or a COPY from S3 (PostgreSQL answers
    /// it unchanged, including the client's own COPY ... FROM STDIN).
    /// </summary>
    public static RedshiftStatement? Parse(string sql)
    {
        // In UNLOAD/COPY literals Redshift reads both '' and \' as a quote and a backslash as an escape
        // ("you need to escape them in the query text (\')", https://docs.aws.amazon.com/redshift/latest/dg/t_Unloading_tables.html).
        var tokens = RedshiftLexer.Read(sql, backslashEscapes: true);
        if (tokens.Count > 0 && tokens[^1].IsSymbol(";"))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        if (tokens.Count == 0 || tokens[0].Kind != SqlTokenKind.Word)
        {
            return null;
        }

        var emulated = tokens[0].Upper == "UNLOAD" || (tokens[0].Upper == "COPY" && IsCopyFromString(tokens));
        if (!emulated)
        {
            return null;
        }

        if (tokens.Any(t => t is { Kind: SqlTokenKind.Symbol, Text: ";" }))
        {
            throw NotEmulated("more than one statement in one query string with UNLOAD/COPY");
        }

        var reader = new TokenReader(tokens);
        return tokens[0].Upper == "UNLOAD" ? ParseUnload(reader) : ParseCopy(reader);
    }

    private static bool IsCopyFromString(List<SqlToken> tokens)
    {
        var from = tokens.FindIndex(t => t is { Kind: SqlTokenKind.Word, Upper: "FROM" });
        return from > 0 && from + 1 < tokens.Count && tokens[from + 1].Kind == SqlTokenKind.String;
    }

    private static UnloadStatement ParseUnload(TokenReader r)
    {
        r.Word("UNLOAD");
        r.Symbol("(");
        var select = r.String("the quoted SELECT statement");
        r.Symbol(")");
        r.Word("TO");
        var path = S3(r.String("the S3 path"));
        var (chain, region, nullAs, format) = ((string?)null, (string?)null, (string?)null, (string?)null);
        bool? parallel = null;
        var (header, allowOverwrite, cleanPath) = (false, false, false);
        while (r.More)
        {
            var option = r.AnyWord();
            switch (option)
            {
                case "IAM_ROLE": chain = Chain(r); break;
                case "FORMAT": r.OptionalWord("AS"); format = r.AnyWord(); break;
                case "CSV": format = "CSV"; break;
                case "NULL": r.OptionalWord("AS"); nullAs = r.String("the NULL AS string"); break;
                case "PARALLEL": parallel = r.AnyWord() switch { "ON" or "TRUE" => true, "OFF" or "FALSE" => false, var v => throw Syntax($"PARALLEL {v}") }; break;
                case "REGION": r.OptionalWord("AS"); region = r.String("the REGION"); break;
                case "HEADER": header = true; break;
                case "ALLOWOVERWRITE": allowOverwrite = true; break;
                case "CLEANPATH": cleanPath = true; break;
                default: throw NotEmulated($"UNLOAD option {option}");
            }
        }

        if (allowOverwrite && cleanPath)
        {
            // "You can't specify ALLOWOVERWRITE with CLEANPATH" (r_UNLOAD.html, CLEANPATH).
            throw Syntax("ALLOWOVERWRITE together with CLEANPATH");
        }

        RequireCsv(format, "UNLOAD");
        if (HasOuterLimit(select))
        {
            throw new StatementRejectedException(RedshiftErrors.OuterLimit());
        }

        return new UnloadStatement(select, chain ?? throw MissingAuthorization(), path, region, nullAs, parallel ?? true, header, allowOverwrite, cleanPath);
    }

    private static CopyStatement ParseCopy(TokenReader r)
    {
        r.Word("COPY");
        var table = r.Name();
        var columns = r.Peek is { Kind: SqlTokenKind.Symbol, Text: "(" } ? r.Parenthesised() : null;
        r.Word("FROM");
        var source = r.String("the data source");
        var path = S3(source);
        var (chain, region, nullAs, format, timeFormat) = ((string?)null, (string?)null, (string?)null, (string?)null, (string?)null);
        var ignoreHeader = 0;
        while (r.More)
        {
            var option = r.AnyWord();
            switch (option)
            {
                case "IAM_ROLE": chain = Chain(r); break;
                case "FORMAT": r.OptionalWord("AS"); format = r.AnyWord(); break;
                case "CSV": format = "CSV"; break;
                case "NULL": r.OptionalWord("AS"); nullAs = r.String("the NULL AS string"); break;
                case "REGION": r.OptionalWord("AS"); region = r.String("the REGION"); break;
                case "TIMEFORMAT":
                    r.OptionalWord("AS");
                    timeFormat = r.String("the TIMEFORMAT");
                    if (!timeFormat.Equals("auto", StringComparison.OrdinalIgnoreCase))
                    {
                        throw NotEmulated($"TIMEFORMAT '{timeFormat}' (only 'auto')");
                    }

                    break;
                case "IGNOREHEADER": r.OptionalWord("AS"); ignoreHeader = r.Number(); break;
                default: throw NotEmulated($"COPY option {option}");
            }
        }

        RequireCsv(format, "COPY");
        return new CopyStatement(table, columns, chain ?? throw MissingAuthorization(), path, region, nullAs, ignoreHeader, timeFormat);
    }

    private static string S3(string path) =>
        path.StartsWith("s3://", StringComparison.Ordinal) && path.Length > 5 && path[5] != '/'
            ? path
            : throw NotEmulated($"data source '{path}' (only s3://bucket/prefix)");

    /// <summary>
    /// IAM_ROLE 'arn[,arn...]': "The entire role chain is enclosed in single quotes and must not
    /// contain spaces" (https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html#authorizing-redshift-service-chaining-roles).
    /// </summary>
    private static string Chain(TokenReader r)
    {
        if (r.Peek is { Kind: SqlTokenKind.Word, Upper: "DEFAULT" })
        {
            throw NotEmulated("IAM_ROLE default");
        }

        var chain = r.String("the IAM_ROLE chain");
        var roles = chain.Split(',');
        if (roles.Length > MaxChainLength || roles.Any(role => !RoleArn().IsMatch(role)))
        {
            throw new StatementRejectedException(RedshiftErrors.InvalidRoleChain(chain));
        }

        return chain;
    }

    private static void RequireCsv(string? format, string command)
    {
        if (format is not "CSV")
        {
            throw NotEmulated($"{command} without FORMAT CSV (format {format ?? "default: pipe-delimited text"})");
        }
    }

    private static StatementRejectedException MissingAuthorization() => Syntax("no IAM_ROLE (CREDENTIALS and access keys are not emulated)");

    /// <summary>
    /// "a select that uses a LIMIT clause in the outer select" is not allowed
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html, usage notes): LIMIT outside parentheses.
    /// Inside the SELECT itself standard SQL literals apply ('' only, no backslash escapes).
    /// </summary>
    private static bool HasOuterLimit(string select)
    {
        var depth = 0;
        foreach (var token in RedshiftLexer.Read(select, backslashEscapes: false))
        {
            depth += token.IsSymbol("(") ? 1 : token.IsSymbol(")") ? -1 : 0;
            if (depth == 0 && token.Is("LIMIT"))
            {
                return true;
            }
        }

        return false;
    }

    internal static StatementRejectedException NotEmulated(string what) => new(RedshiftErrors.NotEmulated(what));

    internal static StatementRejectedException Syntax(string what) => new(RedshiftErrors.Syntax(what));

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    private static partial Regex RoleArn();
}

/// <summary>UNLOAD ('select') TO 's3://...' IAM_ROLE '...' FORMAT CSV ... (https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html).</summary>
public sealed record UnloadStatement(
    string Select, string RoleChain, string S3Path, string? Region, string? NullAs, bool Parallel, bool Header, bool AllowOverwrite, bool CleanPath)
    : RedshiftStatement(RoleChain, S3Path, Region, NullAs)
{
    public override string Command => "UNLOAD";
}

/// <summary>COPY table [(columns)] FROM 's3://...' IAM_ROLE '...' FORMAT CSV ... (https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html).</summary>
public sealed record CopyStatement(
    string Table, string? Columns, string RoleChain, string S3Path, string? Region, string? NullAs, int IgnoreHeader, string? TimeFormat)
    : RedshiftStatement(RoleChain, S3Path, Region, NullAs)
{
    public override string Command => "COPY";
}

/// <summary>The statement is refused before it runs; the error is raised by PostgreSQL like any other.</summary>
public sealed class StatementRejectedException(RedshiftError error) : Exception(error.Message)
{
    public RedshiftError Error { get; } = error;
}

/// <summary>Walks the tokens of one statement; every unexpected token is a syntax error naming it.</summary>
internal sealed class TokenReader(List<SqlToken> tokens)
{
    private int _next;

    public bool More => _next < tokens.Count;

    public SqlToken? Peek => More ? tokens[_next] : null;

    public void Word(string word)
    {
        if (AnyWord() != word)
        {
            throw RedshiftStatement.Syntax($"expected {word} near '{tokens[_next - 1].Text}'");
        }
    }

    public void OptionalWord(string word)
    {
        if (Peek is { Kind: SqlTokenKind.Word } t && t.Upper == word)
        {
            _next++;
        }
    }

    public string AnyWord() => Take("a keyword") is { Kind: SqlTokenKind.Word } t ? t.Upper : throw RedshiftStatement.Syntax($"unexpected '{tokens[_next - 1].Text}'");

    public void Symbol(string symbol)
    {
        if (Take($"'{symbol}'") is not { Kind: SqlTokenKind.Symbol } t || t.Text != symbol)
        {
            throw RedshiftStatement.Syntax($"expected '{symbol}' near '{tokens[_next - 1].Text}'");
        }
    }

    public string String(string what) =>
        Take(what) is { Kind: SqlTokenKind.String } t ? t.Value : throw RedshiftStatement.Syntax($"expected {what} in single quotes near '{tokens[_next - 1].Text}'");

    public int Number() =>
        Take("a number") is { Kind: SqlTokenKind.Number } t && int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw RedshiftStatement.Syntax($"expected a number near '{tokens[_next - 1].Text}'");

    /// <summary>A possibly qualified table name, as written (PostgreSQL resolves it).</summary>
    public string Name()
    {
        var parts = new List<string> { Identifier("a table name") };
        while (Peek is { Kind: SqlTokenKind.Symbol, Text: "." })
        {
            _next++;
            parts.Add(Identifier("a table name"));
        }

        return string.Join(".", parts);
    }

    /// <summary>A parenthesised column list of identifiers, as written.</summary>
    public string Parenthesised()
    {
        Symbol("(");
        var names = new List<string>();
        while (true)
        {
            names.Add(Identifier("a column name"));
            var next = Take("')' or ','");
            if (next.Text == ")")
            {
                return "(" + string.Join(", ", names) + ")";
            }

            if (next.Text != ",")
            {
                throw RedshiftStatement.Syntax($"expected ',' or ')' near '{next.Text}'");
            }
        }
    }

    /// <summary>An identifier as written: plain (PostgreSQL folds it) or double-quoted.</summary>
    private string Identifier(string what)
    {
        var token = Take(what);
        return token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdent ? token.Text : throw RedshiftStatement.Syntax($"expected {what} near '{token.Text}'");
    }

    private SqlToken Take(string what) => More ? tokens[_next++] : throw RedshiftStatement.Syntax($"statement ends where {what} was expected");
}
