using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>The server refused a probe statement: its SQLSTATE and message (with DETAIL), no stack trace for the report.</summary>
public sealed class ProbeStatementException : Exception
{
    public ProbeStatementException()
    {
    }

    public ProbeStatementException(string message)
        : base(message)
    {
    }

    public ProbeStatementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProbeStatementException(string? sqlState, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SqlState = sqlState;
    }

    public string? SqlState { get; }

    /// <summary>Set when the cause is known without reading the text (a lost connection, a timeout).</summary>
    public ProbeErrorCause? Cause { get; init; }

    /// <summary>The session is gone after this error: what remains must run on a new one.</summary>
    public bool EndedSession { get; init; }
}
