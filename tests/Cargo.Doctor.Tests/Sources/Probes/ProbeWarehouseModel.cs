using System.Globalization;
using System.Text.RegularExpressions;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

namespace Cargo.Doctor.Tests.Sources.Probes;

/// <summary>
/// A tiny warehouse computed from the SQL the probes send, so a wrong statement gets the answer Redshift
/// would give, not the one the probe hopes for: schemas (with comments), tables (TEMP ones of this session
/// found by unqualified names), SQL functions, and an S3 of CSV objects that UNLOAD writes and COPY reads.
/// It parses the statements with the stand-in's lexer (<see cref="RedshiftLexer"/>) and UNLOAD/COPY
/// grammar (<see cref="RedshiftStatement"/>); a shape it does not model fails (SQLSTATE 0A000), never passes.
/// Error SQLSTATEs are PostgreSQL's (Redshift keeps them for these: https://docs.aws.amazon.com/redshift/latest/dg/c_redshift-and-postgres-sql.html);
/// wordings are UNCONFIRMED. Every object is owned by the one user the probes run as.
/// </summary>
public sealed partial class ProbeWarehouseModel
{
    private const string Temp = "";

    private readonly Dictionary<string, string?> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Schema, string Name), ModelTable> _tables = [];
    private readonly Dictionary<(string Schema, string Name, int Arguments), string> _functions = [];

    /// <summary>Objects as s3://bucket/key → CSV text, in S3's listing order.</summary>
    public SortedDictionary<string, string> S3 { get; } = new(StringComparer.Ordinal);

    /// <summary>This session's process id and start, as PG_BACKEND_PID and STV_SESSIONS show them.</summary>
    public int Pid { get; init; } = 1001;

    public string SessionStart { get; init; } = "2026-01-01 00:00:00.000000";

    public bool SchemaExists(string name) => _schemas.ContainsKey(name);

    public IReadOnlyList<IReadOnlyList<string?>> Run(string sql)
    {
        try
        {
            if (RedshiftStatement.Parse(sql) is { } s3Statement)
            {
                return s3Statement is UnloadStatement unload ? Unload(unload) : Copy((CopyStatement)s3Statement);
            }

            var cursor = new SqlCursor(RedshiftLexer.Read(sql));
            return cursor.Peek?.Upper switch
            {
                "CREATE" => Create(cursor),
                "COMMENT" => Comment(cursor),
                "INSERT" => Insert(cursor),
                "SELECT" => Select(cursor, sql),
                "DROP" => Drop(cursor),
                _ => throw NotModelled(sql),
            };
        }
        catch (StatementRejectedException e)
        {
            throw new ProbeStatementException(e.Error.SqlState, e.Error.Message + (e.Error.Detail ?? ""));
        }
    }

    private List<IReadOnlyList<string?>> Create(SqlCursor c)
    {
        c.Expect("CREATE");
        if (c.Accept("SCHEMA"))
        {
            var name = Name(c);
            c.End();
            if (!_schemas.TryAdd(name, null))
            {
                throw new ProbeStatementException("42P06", $"schema \"{name}\" already exists");
            }

            return [];
        }

        if (c.Accept("OR", "REPLACE", "FUNCTION"))
        {
            return CreateFunction(c);
        }

        var temp = c.Accept("TEMP") || c.Accept("TEMPORARY");
        c.Expect("TABLE");
        var (schema, table) = temp ? (Temp, Name(c)) : Qualified(c);
        if (!temp)
        {
            RequireSchema(schema);
        }

        if (_tables.ContainsKey((schema, table)))
        {
            throw new ProbeStatementException("42P07", $"relation \"{table}\" already exists");
        }

        Symbol(c, "(");
        List<ModelColumn> columns = [];
        if (c.Accept("LIKE"))
        {
            // "LIKE parent_table": the new table takes the parent's column names and types
            // (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html).
            columns = [.. Find(c).Columns];
        }
        else
        {
            do
            {
                columns.Add(Column(c));
            }
            while (c.AcceptSymbol(","));
        }

        Symbol(c, ")");
        c.End();
        _tables[(schema, table)] = new ModelTable(schema, table, columns);
        return [];
    }

    private List<IReadOnlyList<string?>> CreateFunction(SqlCursor c)
    {
        var (schema, name) = Qualified(c);
        RequireSchema(schema);
        Symbol(c, "(");
        var arguments = 0;
        while (!c.AcceptSymbol(")"))
        {
            c.AcceptSymbol(",");
            TypeName(c);
            arguments++;
        }

        c.Expect("RETURNS");
        TypeName(c);
        c.Words("AS");
        c.Expect("AS");
        var body = c.Take("the function body");
        c.Expect("LANGUAGE");
        if (!c.Accept("sql"))
        {
            throw new ProbeStatementException("0A000", "fake: only LANGUAGE sql functions are modelled");
        }

        c.End();
        _functions[(schema, name, arguments)] = body.Value;
        return [];
    }

    private List<IReadOnlyList<string?>> Comment(SqlCursor c)
    {
        c.Expect("COMMENT", "ON", "SCHEMA");
        var name = Name(c);
        c.Expect("IS");
        var text = c.String("the comment");
        c.End();
        RequireSchema(name);
        _schemas[name] = text;
        return [];
    }

    private List<IReadOnlyList<string?>> Insert(SqlCursor c)
    {
        c.Expect("INSERT", "INTO");
        var table = Find(c);
        var names = Names(c);
        c.Expect("VALUES");
        do
        {
            Symbol(c, "(");
            var values = new List<string?>();
            do
            {
                values.Add(Literal(c));
            }
            while (c.AcceptSymbol(","));

            Symbol(c, ")");
            table.Insert(names, values);
        }
        while (c.AcceptSymbol(","));

        c.End();
        return [];
    }

    private IReadOnlyList<IReadOnlyList<string?>> Select(SqlCursor c, string sql)
    {
        if (sql.Contains("pg_catalog.", StringComparison.Ordinal))
        {
            return Catalog(sql);
        }

        c.Expect("SELECT");
        if (c.Accept("pg_backend_pid") && c.AcceptSymbol("(") && c.AcceptSymbol(")"))
        {
            // https://docs.aws.amazon.com/redshift/latest/dg/PG_BACKEND_PID.html
            c.End();
            return [[Pid.ToString(CultureInfo.InvariantCulture)]];
        }

        if (c.PeekAt(1)?.IsSymbol("(") == true || (c.PeekAt(1)?.IsSymbol(".") == true && c.PeekAt(3)?.IsSymbol("(") == true))
        {
            return [[Call(c)]];
        }

        var names = new List<string>();
        do
        {
            names.Add(Name(c));
        }
        while (c.AcceptSymbol(","));

        c.Expect("FROM");
        if (c.Accept("stv_sessions"))
        {
            // A regular user sees only its own sessions (https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SESSIONS.html).
            c.End();
            return names.SequenceEqual(["process", "starttime"])
                ? [[Pid.ToString(CultureInfo.InvariantCulture), SessionStart]]
                : throw NotModelled(sql);
        }

        var table = Find(c);
        string? orderBy = null;
        if (c.Accept("ORDER", "BY"))
        {
            orderBy = Name(c);
        }

        c.End();
        return table.Select(names, orderBy);
    }

    /// <summary>Calls a SQL function whose body is <c>SELECT $n</c> or <c>SELECT $n (+|-) number</c>.</summary>
    private string? Call(SqlCursor c)
    {
        var (schema, name) = Qualified(c);
        Symbol(c, "(");
        var arguments = new List<string?>();
        while (!c.AcceptSymbol(")"))
        {
            c.AcceptSymbol(",");
            arguments.Add(Literal(c));
        }

        c.End();
        if (!_functions.TryGetValue((schema, name, arguments.Count), out var body))
        {
            throw new ProbeStatementException("42883", $"function {schema}.{name}({arguments.Count} argument(s)) does not exist");
        }

        var match = FunctionBody().Match(body);
        if (!match.Success)
        {
            throw new ProbeStatementException("0A000", $"fake: function body '{body.Trim()}' is not modelled");
        }

        var value = decimal.Parse(arguments[int.Parse(match.Groups["arg"].Value, CultureInfo.InvariantCulture) - 1]!, CultureInfo.InvariantCulture);
        var operand = match.Groups["n"].Success ? decimal.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 0;
        return (match.Groups["op"].Value == "-" ? value - operand : value + operand).ToString(CultureInfo.InvariantCulture);
    }

    private List<IReadOnlyList<string?>> Drop(SqlCursor c)
    {
        c.Expect("DROP");
        if (c.Accept("SCHEMA"))
        {
            var ifExists = c.Accept("IF", "EXISTS");
            var name = Name(c);
            var cascade = c.Accept("CASCADE");
            c.Accept("RESTRICT");
            c.End();
            if (!_schemas.ContainsKey(name))
            {
                return ifExists ? [] : throw new ProbeStatementException("3F000", $"schema \"{name}\" does not exist");
            }

            // RESTRICT (the default) refuses a schema that holds anything
            // (https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_SCHEMA.html).
            if (!cascade && (_tables.Keys.Any(k => k.Schema == name) || _functions.Keys.Any(k => k.Schema == name)))
            {
                throw new ProbeStatementException("2BP01", $"cannot drop schema {name} because other objects depend on it");
            }

            _schemas.Remove(name);
            return [];
        }

        if (c.Accept("FUNCTION"))
        {
            var (schema, name) = Qualified(c);
            Symbol(c, "(");
            var arguments = 0;
            while (!c.AcceptSymbol(")"))
            {
                c.AcceptSymbol(",");
                TypeName(c);
                arguments++;
            }

            c.Accept("RESTRICT");
            c.End();
            return _functions.Remove((schema, name, arguments))
                ? []
                : throw new ProbeStatementException("42883", $"function {schema}.{name}({arguments} argument(s)) does not exist");
        }

        c.Expect("TABLE");
        var table = Find(c);
        c.Accept("RESTRICT");
        c.End();
        _tables.Remove((table.Schema, table.Name));
        return [];
    }

    /// <summary>
    /// UNLOAD: the query's rows as one CSV object <c>prefix000</c> with PARALLEL OFF
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html, PARALLEL), refused when an object
    /// already has the prefix and ALLOWOVERWRITE is not given (same page, ALLOWOVERWRITE).
    /// </summary>
    private List<IReadOnlyList<string?>> Unload(UnloadStatement s)
    {
        if (!s.AllowOverwrite && S3.Keys.Any(k => k.StartsWith(s.S3Path, StringComparison.Ordinal)))
        {
            var error = RedshiftErrors.DestinationNotEmpty();
            throw new ProbeStatementException(error.SqlState, error.Message);
        }

        var rows = Run(s.Select);
        var nullAs = s.NullAs ?? throw new ProbeStatementException("0A000", "fake: UNLOAD without NULL AS is not modelled");
        S3[s.S3Path + (s.Parallel ? "0000_part_00" : "000")] = ModelCsv.Write(rows, nullAs);
        return [];
    }

    /// <summary>
    /// COPY: every object whose key begins with the prefix, in key order
    /// (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html), into the named
    /// columns; no object under the prefix is an error (text from public logs, see <see cref="RedshiftErrors.EmptyPrefix"/>).
    /// </summary>
    private List<IReadOnlyList<string?>> Copy(CopyStatement s)
    {
        var table = Find(new SqlCursor(RedshiftLexer.Read(s.Table)));
        var names = s.Columns is null ? table.Columns.Select(col => col.Name).ToList() : Names(new SqlCursor(RedshiftLexer.Read(s.Columns)));
        var nullAs = s.NullAs ?? throw new ProbeStatementException("0A000", "fake: COPY without NULL AS is not modelled");
        var objects = S3.Where(o => o.Key.StartsWith(s.S3Path, StringComparison.Ordinal)).ToList();
        if (objects.Count == 0)
        {
            var error = RedshiftErrors.EmptyPrefix(s.S3Path);
            throw new ProbeStatementException(error.SqlState, error.Message + error.Detail);
        }

        var loaded = new ModelTable(table.Schema, table.Name, table.Columns);
        try
        {
            foreach (var record in objects.SelectMany(o => ModelCsv.Read(o.Value, nullAs)))
            {
                loaded.Insert(names, record);
            }
        }
        catch (ProbeStatementException e)
        {
            // A bad row fails the load, its cause in STL_LOAD_ERRORS (https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html,
            // codes 1202-1210); the message wording is from public logs (UNCONFIRMED on a docs page).
            throw new ProbeStatementException("XX000", $"Load into table '{table.Name}' failed. Check 'stl_load_errors' system table for details. ({e.Message})");
        }

        table.Rows.AddRange(loaded.Rows);
        return [];
    }

    /// <summary>The two catalog reads of the leftover sweep: scratch-looking schemas with their comment, and what they hold.</summary>
    private List<IReadOnlyList<string?>> Catalog(string sql)
    {
        var like = LikePattern().Match(sql) is { Success: true } m ? m.Groups["p"].Value : throw NotModelled(sql);
        var matching = new Regex("^" + Regex.Escape(like).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$");
        var schemas = _schemas.Where(s => matching.IsMatch(s.Key)).ToList();
        if (sql.Contains("pg_proc", StringComparison.Ordinal))
        {
            return
            [
                .. _tables.Values.Where(t => schemas.Any(s => s.Key == t.Schema)).Select(t => (IReadOnlyList<string?>)[t.Schema, "table", t.Name, "0"]),
                .. _functions.Keys.Where(f => schemas.Any(s => s.Key == f.Schema))
                    .Select(f => (IReadOnlyList<string?>)[f.Schema, "function", f.Name, f.Arguments.ToString(CultureInfo.InvariantCulture)]),
            ];
        }

        return sql.Contains("obj_description", StringComparison.Ordinal)
            ? schemas.Select(s => (IReadOnlyList<string?>)[s.Key, s.Value]).ToList()
            : throw NotModelled(sql);
    }

    private ModelTable Find(SqlCursor c)
    {
        var (schema, name) = c.PeekAt(1)?.IsSymbol(".") == true ? Qualified(c) : (Temp, Name(c));
        if (schema != Temp)
        {
            RequireSchema(schema);
        }

        return _tables.TryGetValue((schema, name), out var table)
            ? table
            : throw new ProbeStatementException("42P01", $"relation \"{name}\" does not exist");
    }

    private void RequireSchema(string name)
    {
        if (!_schemas.ContainsKey(name))
        {
            throw new ProbeStatementException("3F000", $"schema \"{name}\" does not exist");
        }
    }

    private static ModelColumn Column(SqlCursor c)
    {
        var name = Name(c);
        var (type, length, scale) = TypeName(c);
        return new ModelColumn(name, type, length, scale);
    }

    private static (string Type, int? Length, int? Scale) TypeName(SqlCursor c)
    {
        var type = c.Take("a type").Upper;
        int? length = null;
        int? scale = null;
        if (c.AcceptSymbol("("))
        {
            length = int.Parse(c.Take("a length").Text, CultureInfo.InvariantCulture);
            if (c.AcceptSymbol(","))
            {
                scale = int.Parse(c.Take("a scale").Text, CultureInfo.InvariantCulture);
            }

            Symbol(c, ")");
        }

        return (type, length, scale);
    }

    private static List<string> Names(SqlCursor c)
    {
        Symbol(c, "(");
        var names = new List<string>();
        do
        {
            names.Add(Name(c));
        }
        while (c.AcceptSymbol(","));

        Symbol(c, ")");
        return names;
    }

    /// <summary>A value: 'text', a (signed) number, NULL, TRUE or FALSE, as text (null for NULL).</summary>
    private static string? Literal(SqlCursor c)
    {
        var negative = c.AcceptSymbol("-");
        var token = c.Take("a value");
        return token switch
        {
            { Kind: SqlTokenKind.Number } => (negative ? "-" : "") + token.Text,
            { Kind: SqlTokenKind.String } when !negative => token.Value,
            _ when !negative && token.Is("NULL") => null,
            _ when !negative && (token.Is("TRUE") || token.Is("FALSE")) => token.Upper.ToLowerInvariant(),
            _ => throw RedshiftStatement.Syntax($"unexpected '{token.Text}'"),
        };
    }

    /// <summary>Names fold to lower case unless quoted (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html).</summary>
    private static string Name(SqlCursor c) => IdentifierFolding.Resolve(c.Name("a name"), caseSensitive: false);

    private static (string Schema, string Name) Qualified(SqlCursor c)
    {
        var first = Name(c);
        return c.AcceptSymbol(".") ? (first, Name(c)) : throw RedshiftStatement.Syntax($"expected a schema-qualified name near '{first}'");
    }

    private static void Symbol(SqlCursor c, string symbol)
    {
        if (!c.AcceptSymbol(symbol))
        {
            throw RedshiftStatement.Syntax($"expected '{symbol}' near '{c.Near()}'");
        }
    }

    private static ProbeStatementException NotModelled(string sql) => new("0A000", $"fake: statement not modelled: {sql.Split('\n')[0]}");

    [GeneratedRegex(@"^\s*SELECT\s+\$(?<arg>\d+)\s*(?:(?<op>[+-])\s*(?<n>\d+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FunctionBody();

    [GeneratedRegex(@"LIKE '(?<p>[^']*)'")]
    private static partial Regex LikePattern();
}
