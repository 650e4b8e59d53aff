namespace Cargo.Doctor.Findings;

/// <summary>
/// One piece of a fix, rendered from a catalog template with the customer's names filled in.
/// <see cref="Kind"/> is <c>sql</c>, <c>sh</c> (aws CLI) or <c>console</c> (steps in the AWS console).
/// </summary>
public sealed record RemediationStep(string Key, string Kind, string Text);
