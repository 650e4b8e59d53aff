namespace Cargo.Doctor.Findings;

/// <summary>
/// The config acceptance that covered a finding (<see cref="Expired"/> false: the finding is
/// <see cref="CheckStatus.Accepted"/>) or would have, had it not expired (the status is unchanged).
/// </summary>
public sealed record AcceptanceNote(string Reason, string Owner, DateOnly Expires, string? Match, CheckStatus WasStatus, bool Expired)
{
    /// <summary>The item keys the acceptance lists; null for an entry without <c>items:</c>.</summary>
    public IReadOnlyList<string>? Items { get; init; }
}
