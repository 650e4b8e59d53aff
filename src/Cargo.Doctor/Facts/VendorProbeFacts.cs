namespace Cargo.Doctor.Facts;

/// <summary>
/// The network path from where <c>cargo-doctor vendor --probe</c> ran to the customer's endpoint: each step
/// (tcp, tls, startup, login) with its outcome. A step not reached is absent.
/// </summary>
public sealed record VendorProbeFacts(string Host, int Port, string Database, IReadOnlyList<VendorProbeStep> Steps);

/// <param name="Step">tcp, tls, startup or login.</param>
/// <param name="Outcome">ok, refused, timeout, unreachable, dns, rejected, failed or skipped.</param>
public sealed record VendorProbeStep(string Step, string Outcome, string Detail);
