using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>The config's acceptances and the day they are judged against (injected so tests can move it).</summary>
internal sealed record AcceptedRun(IReadOnlyList<AcceptEntry> Entries, DateOnly Today);
