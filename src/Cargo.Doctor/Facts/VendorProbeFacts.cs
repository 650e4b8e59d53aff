namespace Cargo.Doctor.Facts;

/// <summary>
/// The network path from where <c>cargo-doctor vendor --probe</c> ran to the customer's endpoint: each step
/// (tcp, tls, startup, login) with its outcome. A step not reached is absent.
/// </summary>
public sealed record VendorProbeFacts(string Host, int Port, string Database, IReadOnlyList<VendorProbeStep> Steps)
{
    /// <summary>The user the startup message named (the login's too): kept so that --redact tokenises it wherever a step names it.</summary>
    public string? User { get; init; }
}

/// <param name="Step">tcp, tls, startup or login.</param>
/// <param name="Outcome">ok, refused, ssl-refused, timeout, unreachable, dns, rejected, failed or skipped (login: wrong-password, no-database, ...).</param>
public sealed record VendorProbeStep(string Step, string Outcome, string Detail);
