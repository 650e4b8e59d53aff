using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// Turns what Npgsql throws during a probe statement into a <see cref="ProbeStatementException"/>:
/// a server error keeps its SQLSTATE, message and DETAIL; a dropped connection or a timeout becomes
/// a cause of its own (the probe proved nothing); and whether the session survived is recorded.
/// </summary>
public static class ProbeFailure
{
    /// <summary>SQLSTATEs with which the server ends the session itself (class 08, and 57P01-57P03 shutdown/crash/not now).</summary>
    private static readonly string[] SessionEndingStates = ["57P01", "57P02", "57P03"];

    /// <param name="sessionOpen">Whether the connection is still open after the error: Npgsql closes it after
    /// SQLSTATE classes 53, 58 and XX (Redshift reports many COPY/UNLOAD failures as XX000), see
    /// <c>CriticalFailureCodes</c> in https://github.com/npgsql/npgsql/blob/main/src/Npgsql/PostgresErrorCodes.cs.</param>
    public static ProbeStatementException Translate(Exception e, bool sessionOpen) => e switch
    {
        PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || SessionEndingStates.Contains(pg.SqlState) =>
            new(pg.SqlState, $"the connection to the warehouse was lost: {WithDetail(pg)}", pg) { Cause = ProbeErrorCause.ConnectionLost, EndedSession = true },
        // 57014: the server cancelled the statement (statement_timeout, or Npgsql's cancel after the command timeout).
        PostgresException { SqlState: "57014" } pg =>
            new(pg.SqlState, $"no answer within the statement timeout: {WithDetail(pg)}", pg) { Cause = ProbeErrorCause.TimedOut, EndedSession = !sessionOpen },
        PostgresException pg => new(pg.SqlState, WithDetail(pg), pg) { EndedSession = !sessionOpen },
        NpgsqlException n when HasTimeout(n) =>
            new(null, $"no answer from the warehouse within the command timeout: {n.Message}", n) { Cause = ProbeErrorCause.TimedOut, EndedSession = !sessionOpen },
        _ => new(null, $"the connection to the warehouse was lost: {e.Message}", e) { Cause = ProbeErrorCause.ConnectionLost, EndedSession = true },
    };

    /// <summary>
    /// The message and Redshift's DETAIL (the role, the S3 key, its internal code). Npgsql redacts
    /// DETAIL unless the connection string says <c>Include Error Detail</c>
    /// (https://www.npgsql.org/doc/connection-string-parameters.html); the connector turns it on.
    /// </summary>
    public static string WithDetail(PostgresException e) =>
        string.IsNullOrWhiteSpace(e.Detail) ? e.MessageText : $"{e.MessageText}\nDETAIL: {e.Detail.Trim('\n')}";

    private static bool HasTimeout(Exception e)
    {
        for (var inner = (Exception?)e; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
