using Cargo.Doctor.Findings;

namespace Cargo.Doctor.History;

/// <summary>One run's outcome as <c>diff</c> compares it: read from a report.json or evaluated from a facts file.</summary>
public sealed record RunFindings(string Source, IReadOnlyList<RunFinding> Findings);

/// <summary>What one check concluded in one run: the status and every detail line.</summary>
public sealed record RunFinding(string CheckId, string Title, CheckStatus Status, IReadOnlyList<string> Details);
