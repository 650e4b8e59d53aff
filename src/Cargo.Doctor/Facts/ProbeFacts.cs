namespace Cargo.Doctor.Facts;

/// <summary>
/// What the live probes did and saw: one result per probe, the scratch schema they used, leftovers
/// of earlier runs they dropped, and every statement they ran (for the report appendix).
/// </summary>
public sealed record ProbeFacts
{
    /// <summary>Names the scratch schema and the S3 folder of this run.</summary>
    public required string RunId { get; init; }

    /// <summary>The database the probes ran in (the first configured one); null when none ran.</summary>
    public string? Database { get; init; }

    /// <summary>The user the probes logged in as (always the Cargo user when they ran).</summary>
    public string? User { get; init; }

    public string? ScratchSchema { get; init; }

    /// <summary>Where the round trip writes and which roles it chains; null when it was not configured.</summary>
    public RoundTripFacts? RoundTrip { get; init; }

    public IReadOnlyList<ProbeResult> Results { get; init; } = [];

    /// <summary>Marked scratch schemas of earlier runs that died, dropped at the start of this one.</summary>
    public IReadOnlyList<string> LeftoversDropped { get; init; } = [];

    /// <summary>Marked scratch schemas too recent to be leftovers, or whose session is still connected (a run in progress).</summary>
    public IReadOnlyList<string> LeftoversKept { get; init; } = [];

    /// <summary>
    /// Every marked-looking schema the sweep did not drop, with why: in use, named in the
    /// configuration, a marker it did not write, objects it never creates, a dependent object.
    /// </summary>
    public IReadOnlyList<LeftoverLeftAlone> LeftoversLeftAlone { get; init; } = [];

    /// <summary>Each time the server ended the probes' session after an error and the probes reconnected.</summary>
    public IReadOnlyList<string> Reconnects { get; init; } = [];

    /// <summary>Set when the search for leftovers failed (the probes ran anyway).</summary>
    public string? LeftoverScanError { get; init; }

    /// <summary>Set when this run's scratch schema could not be dropped (the report says how to).</summary>
    public string? CleanupError { get; init; }

    /// <summary>Every statement sent, in order, including leftover and final cleanup.</summary>
    public IReadOnlyList<ProbeStatement> Statements { get; init; } = [];

    public ProbeResult? this[string probeId] => Results.FirstOrDefault(r => r.ProbeId == probeId);
}

public enum ProbeRunStatus
{
    Ran,
    Skipped,

    /// <summary>The probes' own connection failed although the catalog reads got in: unknown, not skipped.</summary>
    NotConnected,
}

/// <summary>A schema the leftover sweep did not drop, and why (with what an admin can run after review).</summary>
public sealed record LeftoverLeftAlone(string Schema, string Reason);

/// <summary>One probe: ran (succeeded or not, with the classified error) or skipped with a reason.</summary>
public sealed record ProbeResult
{
    public required string ProbeId { get; init; }

    public required ProbeRunStatus Status { get; init; }

    /// <summary>Why it did not run (skipped, or could not connect).</summary>
    public string? SkipReason { get; init; }

    /// <summary>Null when skipped.</summary>
    public bool? Succeeded { get; init; }

    public ProbeError? Error { get; init; }

    /// <summary>What the probe observed (rows compared, value returned, ...).</summary>
    public IReadOnlyList<string> Observations { get; init; } = [];

    public IReadOnlyList<ProbeTiming> Timings { get; init; } = [];

    public IReadOnlyList<ProbeStatement> Statements { get; init; } = [];

    public static ProbeResult Skip(string probeId, string reason) =>
        new() { ProbeId = probeId, Status = ProbeRunStatus.Skipped, SkipReason = reason };
}

/// <summary>The failing statement's error, with the raw server text and what it means.</summary>
public sealed record ProbeError
{
    /// <summary>The probe step that failed (e.g. <c>unload</c>, <c>create-schema</c>).</summary>
    public required string Step { get; init; }

    public string? SqlState { get; init; }

    /// <summary>The server's message, unchanged (plus its DETAIL when there was one).</summary>
    public required string Message { get; init; }

    public required ProbeErrorCause Cause { get; init; }

    /// <summary>The session ended with this error (Npgsql closes it after SQLSTATE classes XX, 53, 58, or the link dropped).</summary>
    public bool EndedSession { get; init; }
}

/// <summary>The round trip's S3 folder and role chain (ARNs are not secrets; the report prints them).</summary>
public sealed record RoundTripFacts(string Bucket, string Folder, string CustomerRoleArn, string CargoRoleArn, string? Region)
{
    public string RoleChain => $"{CustomerRoleArn},{CargoRoleArn}";
}

public sealed record ProbeTiming(string Step, double Milliseconds);

public sealed record ProbeStatement(string ProbeId, string Database, string Sql);
