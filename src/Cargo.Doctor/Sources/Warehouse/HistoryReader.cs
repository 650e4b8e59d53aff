using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// Reads the Cargo user's failed statements of the last days in one statement (history-failures.sql).
/// Both views are "visible to all users. Superusers can see all rows; regular users can see only their
/// own data" (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html), and SYSLOG ACCESS
/// UNRESTRICTED lets a regular user see other users' rows
/// (https://docs.aws.amazon.com/redshift/latest/dg/cm_chap_system-tables.html#c_visibility-of-data):
/// a login that is neither the Cargo user nor a superuser and sees no row proves nothing, so that is a gap naming the grant.
/// </summary>
internal static class HistoryReader
{
    public static async Task<HistoryFacts> ReadAsync(
        WarehouseSession session, string user, string login, bool loginIsSuperuser, int days, DateTimeOffset until, CancellationToken ct)
    {
        var since = until.AddDays(-days);
        var facts = new HistoryFacts { Days = days, Since = since, Until = until };
        var (sql, parameters) = WarehouseQuery.Load("history-failures").Bind(new Dictionary<string, object>
        {
            ["user"] = user,
            // timestamp without time zone, in UTC, as the views' start_time.
            ["since"] = DateTime.SpecifyKind(since.UtcDateTime, DateTimeKind.Unspecified),
            ["until"] = DateTime.SpecifyKind(until.UtcDateTime, DateTimeKind.Unspecified),
        });
        List<HistoryFailure> rows;
        try
        {
            rows = await session.QueryAsync(sql, parameters, r => new HistoryFailure(
                DbValue.Text(r, 0) ?? "query",
                DbValue.Text(r, 1),
                new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc)),
                DbValue.Text(r, 3) ?? "",
                Shorten(DbValue.Text(r, 4))), ct);
        }
        catch (PostgresException e)
        {
            return facts with { Gap = new Gap($"could not read SYS_QUERY_HISTORY / SYS_LOAD_ERROR_DETAIL: {e.MessageText}") };
        }
        catch (WarehouseReadException e)
        {
            return facts with { Gap = e.Gap };
        }

        if (rows.Count == 0 && !loginIsSuperuser && !string.Equals(login, user, StringComparison.Ordinal))
        {
            return facts with
            {
                Gap = new Gap($"the login {login} sees only its own rows of SYS_QUERY_HISTORY and SYS_LOAD_ERROR_DETAIL, so none of {user}'s", "superuser or SYSLOG ACCESS UNRESTRICTED"),
            };
        }

        return facts with { Failures = rows.Take(HistoryFacts.RowCap).ToList(), Capped = rows.Count > HistoryFacts.RowCap };
    }

    /// <summary>Statement text can hold customer data: only its start is kept, on one line.</summary>
    public static string? Shorten(string? statement)
    {
        if (statement is null)
        {
            return null;
        }

        var oneLine = string.Join(' ', statement.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= HistoryFacts.StatementChars ? oneLine : oneLine[..HistoryFacts.StatementChars] + "…";
    }
}
