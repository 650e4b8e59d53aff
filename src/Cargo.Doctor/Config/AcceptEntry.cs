namespace Cargo.Doctor.Config;

/// <summary>
/// One <c>accept:</c> entry of the config file: a known gap that does not fail the run until
/// <see cref="Expires"/> (inclusive). <see cref="Where"/> ("FILE: line N: accept[i]") prefixes every
/// problem and note about it.
/// </summary>
public sealed record AcceptEntry(string Check, string? Match, string Reason, string Owner, DateOnly Expires, string Where);
