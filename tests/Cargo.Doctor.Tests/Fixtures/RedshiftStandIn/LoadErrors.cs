using System.Text.RegularExpressions;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>One rejected row of a COPY, as SYS_LOAD_ERROR_DETAIL shows it (line, column, code, reason).</summary>
public sealed record LoadError(long Line, string? Column, int Code, string Reason);

/// <summary>
/// What PostgreSQL's COPY FROM STDIN says about a bad value, turned into Redshift's load error: the code
/// and its description as the load error reference lists them
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html), and COPY's own message
/// pointing at the system table (public logs; the classifier marks it unconfirmed).
/// </summary>
public static partial class LoadErrors
{
    /// <summary>A data error of PostgreSQL's COPY: class 22 (data exception) or 23502 (not null violation).</summary>
    public static bool IsDataError(string? sqlState) => sqlState is not null && (sqlState.StartsWith("22", StringComparison.Ordinal) || sqlState == "23502");

    /// <summary>COPY's message to the client when rows were rejected (public logs, not on a docs page).</summary>
    public static RedshiftError LoadFailed(string table) => new(
        "load-failed", RedshiftErrors.InternalError,
        $"Load into table '{table}' failed. Check 'sys_load_error_detail' system table for details.", null, ErrorProvenance.PublicLog);

    /// <summary>The load error for PostgreSQL's error fields: SQLSTATE, message and the COPY context ("COPY t, line 1, column id: \"a\"").</summary>
    public static LoadError From(string sqlState, string message, string? where)
    {
        var context = where is null ? null : Context().Match(where);
        var line = context is { Success: true } ? long.Parse(context.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var column = context is { Success: true, Groups: var g } && g["column"].Success ? g["column"].Value : null;
        var (code, reason) = sqlState switch
        {
            "22P02" when Regex.IsMatch(message, "type (integer|bigint|smallint)") => (1207, "Data contained a value outside of the expected range of 0-9."),
            "22P02" when message.Contains("type numeric", StringComparison.Ordinal) => (1209, "DECIMAL data type format error."),
            "22P02" when message.Contains("type double precision", StringComparison.Ordinal) || message.Contains("type real", StringComparison.Ordinal) => (1208, "FLOAT data type format error."),
            "22P02" when message.Contains("type boolean", StringComparison.Ordinal) => (1210, "BOOLEAN data type format error."),
            "22003" => (1204, "Input data exceeded the acceptable range for the data type."),
            "22P04" when message.Contains("extra data", StringComparison.Ordinal) => (1202, "Input data had more columns than were defined in the DDL."),
            "22P04" when message.Contains("missing data", StringComparison.Ordinal) => (1203, "Input data had fewer columns than were defined in the DDL."),
            "23502" => (1213, "A field specified as NOT NULL contained no data."),
            _ => (1216, "Input line is not valid."),
        };
        return new LoadError(line, column, code, reason);
    }

    [GeneratedRegex(@"line (?<line>\d+)(?:, column (?<column>[^:]+))?")]
    private static partial Regex Context();
}
