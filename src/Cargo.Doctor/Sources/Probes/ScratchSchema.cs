using System.Globalization;
using System.Text.RegularExpressions;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// The probes' own schema, <c>cargo_doctor_&lt;run id&gt;</c>, marked with a comment no customer
/// would write (<see cref="ScratchMarker"/>). It is only ever dropped object by object (the table
/// and function the probes create, by name) and then with <c>RESTRICT</c>, which refuses when
/// anything else is in it or depends on it (https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_SCHEMA.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_TABLE.html, https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_FUNCTION.html).
/// </summary>
public sealed partial class ScratchSchema(string runId)
{
    public const string NamePrefix = "cargo_doctor_";

    public const string TableName = "cargo_doctor_probe";

    public const string FunctionName = "f_cargo_doctor_probe";

    /// <summary>Without a session to ask, a marked schema younger than this may belong to a run still in progress: left alone.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(15);

    /// <summary>Schemas the current user owns whose name looks like ours; the caller checks name and marker exactly.</summary>
    public const string FindCandidates =
        "SELECT n.nspname, pg_catalog.obj_description(n.oid, 'pg_namespace') FROM pg_catalog.pg_namespace n " +
        "WHERE n.nspname LIKE 'cargo_doctor_%' AND n.nspowner = (SELECT u.usesysid FROM pg_catalog.pg_user u WHERE u.usename = current_user)";

    /// <summary>What those schemas hold, in one query: tables and other relations, functions with their argument count.</summary>
    public const string FindContents =
        "SELECT n.nspname, CASE WHEN c.relkind = 'r' THEN 'table' ELSE 'relation' END, c.relname, 0 " +
        "FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid " +
        "WHERE n.nspname LIKE 'cargo_doctor_%' AND n.nspowner = (SELECT u.usesysid FROM pg_catalog.pg_user u WHERE u.usename = current_user) " +
        "UNION ALL " +
        "SELECT n.nspname, 'function', p.proname, p.pronargs " +
        "FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_proc p ON p.pronamespace = n.oid " +
        "WHERE n.nspname LIKE 'cargo_doctor_%' AND n.nspowner = (SELECT u.usesysid FROM pg_catalog.pg_user u WHERE u.usename = current_user)";

    public string Name { get; } = NamePrefix + runId;

    /// <summary>When the run began, for a name that is exactly <c>cargo_doctor_</c> + a run id (<see cref="ProbePlan.NewRunId"/>); otherwise null.</summary>
    public static DateTimeOffset? RunStarted(string name) =>
        RunIdName().Match(name) is { Success: true } m
        && DateTimeOffset.TryParseExact(m.Groups["at"].Value, "yyyyMMdd't'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    [GeneratedRegex(@"^cargo_doctor_(?<at>\d{8}t\d{6})_[0-9a-f]{8}$")]
    private static partial Regex RunIdName();

    public string Create => $"CREATE SCHEMA {SqlQuote.Ident(Name)}";

    public string ProbeTable => SqlQuote.Qualified(Name, TableName);

    public string ProbeFunction => SqlQuote.Qualified(Name, FunctionName);

    public string Comment(string marker) => $"COMMENT ON SCHEMA {SqlQuote.Ident(Name)} IS {SqlQuote.Literal(marker)}";

    /// <summary>True for what the probes create: the probe table and the one-argument probe function.</summary>
    public static bool IsOwnObject(SchemaObject o) =>
        (o.Kind == "table" && o.Name == TableName) || (o.Kind == "function" && o.Name == FunctionName && o.Arguments == 1);

    /// <summary>Drops the tool's own objects by name, then the schema, refusing if anything else is left.</summary>
    public static IReadOnlyList<string> DropStatements(string schema, IEnumerable<SchemaObject> ownObjects)
    {
        var statements = ownObjects.Select(o => o.Kind == "table"
            ? $"DROP TABLE {SqlQuote.Qualified(schema, o.Name)} RESTRICT"
            : $"DROP FUNCTION {SqlQuote.Qualified(schema, o.Name)}(INT) RESTRICT").ToList();
        statements.Add($"DROP SCHEMA {SqlQuote.Ident(schema)} RESTRICT");
        return statements;
    }
}

/// <summary>One object in a scratch-looking schema, from <see cref="ScratchSchema.FindContents"/>.</summary>
public sealed record SchemaObject(string Schema, string Kind, string Name, int Arguments)
{
    public override string ToString() => Kind == "function" ? $"function {SqlQuote.Qualified(Schema, Name)}({Arguments} argument(s))" : $"{Kind} {SqlQuote.Qualified(Schema, Name)}";
}
