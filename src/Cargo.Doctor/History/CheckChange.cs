using Cargo.Doctor.Findings;

namespace Cargo.Doctor.History;

/// <summary>
/// One check across two runs: its statuses (null where the run lacks the check) and the detail
/// lines that appeared or disappeared (a table that lost DELETE, a new Cargo IP blocked).
/// </summary>
public sealed record CheckChange(
    string CheckId,
    string Title,
    ChangeKind Kind,
    CheckStatus? Before,
    CheckStatus? After,
    IReadOnlyList<string> Appeared,
    IReadOnlyList<string> Disappeared);
