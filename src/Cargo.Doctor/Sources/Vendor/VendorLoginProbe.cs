using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Sources.Warehouse;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>
/// The probe's last step when the Cargo user's password is in the environment: a real login from Cargo's address,
/// through the same connector as <c>check</c> (Npgsql: SCRAM or MD5 as the server asks, SSL as configured). The
/// outcome names the failure (wrong password, missing database, SSL refused); the password is never in a step.
/// </summary>
public static class VendorLoginProbe
{
    public static async Task<VendorProbeStep> RunAsync(WarehouseConfig warehouse, string database, string password, CancellationToken ct)
    {
        var connector = new WarehouseConnector(warehouse, password, new StatementLog());
        var (session, facts) = await connector.OpenAsync(database, ct).ConfigureAwait(false);
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            return new VendorProbeStep("login", "ok", $"logged in as \"{connector.LoginUser}\" to database \"{database}\"{(facts.SslInUse ? " over TLS" : " without TLS")}");
        }

        var outcome = facts.FailureKind switch
        {
            "auth" => "wrong-password",
            "database-missing" => "no-database",
            "ssl" => "ssl-refused",
            var kind => kind ?? "failed",
        };
        return new VendorProbeStep("login", outcome, facts.FailureMessage ?? "the login failed");
    }
}
