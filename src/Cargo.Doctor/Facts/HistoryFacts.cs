namespace Cargo.Doctor.Facts;

/// <summary>
/// The Cargo user's failed statements of the last days, as the warehouse's history views show them
/// (SYS_QUERY_HISTORY, SYS_LOAD_ERROR_DETAIL, SYS_UNLOAD_HISTORY): at most <see cref="RowCap"/> rows, newest first, each
/// statement shortened to <see cref="StatementChars"/> characters (statement text can hold customer data).
/// </summary>
public sealed record HistoryFacts
{
    /// <summary>Rows kept: one statement reads at most this many (plus one, to know there were more).</summary>
    public const int RowCap = 200;

    /// <summary>Characters of a statement kept in the facts (never the full text).</summary>
    public const int StatementChars = 120;

    /// <summary>The window in days (--history-days).</summary>
    public required int Days { get; init; }

    /// <summary>Rows from this time on (UTC)...</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>...up to this time (the run's start: the run's own statements are left out).</summary>
    public required DateTimeOffset Until { get; init; }

    public IReadOnlyList<HistoryFailure> Failures { get; init; } = [];

    /// <summary>More rows than <see cref="RowCap"/> matched: only the newest are here.</summary>
    public bool Capped { get; init; }

    /// <summary>Set when the rows cannot be read or cannot be seen (the login sees only its own rows): unknown.</summary>
    public Gap? Gap { get; init; }
}

/// <summary>One failed statement or load error: where it was seen (<c>query</c>, <c>load</c> or <c>unload</c>), its type, time, error text and a shortened statement.</summary>
public sealed record HistoryFailure(string Source, string? QueryType, DateTimeOffset StartTime, string Message, string? Statement);
