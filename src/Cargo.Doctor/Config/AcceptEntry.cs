namespace Cargo.Doctor.Config;

/// <summary>
/// One <c>accept:</c> entry of the config file: a known gap that does not fail the run until
/// <see cref="Expires"/> (inclusive). <see cref="Where"/> ("FILE: line N: accept[i]") prefixes every
/// problem and note about it. <see cref="Items"/>: the item keys it accepts (report.json <c>itemKeys</c>,
/// listed under each problem in report.md); null for an entry written before items existed.
/// </summary>
public sealed record AcceptEntry(string Check, string? Match, string Reason, string Owner, DateOnly Expires, string Where, IReadOnlyList<string>? Items = null);
