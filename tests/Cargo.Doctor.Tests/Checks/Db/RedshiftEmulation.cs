using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// Turns on, for one scenario's Cargo user, a Redshift behaviour the emulation provides as a schema
/// that overrides has_table_privilege (see redshift-emulation.sql): placed before pg_catalog in that
/// login's search_path, it is what the tool's statements call.
/// </summary>
internal static class RedshiftEmulation
{
    /// <summary>enable_case_sensitive_identifier off: quoted names are folded to lower case.</summary>
    public const string IdentifierFolding = "rs_identifier_folding";

    /// <summary>A server that rejects has_table_privilege(user, oid, privilege).</summary>
    public const string WithoutOidPrivilege = "rs_without_oid_privilege";

    public static Task EmulateAsync(this WarehouseScenario scenario, params string[] behaviours) =>
        scenario.AdminAsync(
            $"ALTER ROLE {scenario.Quoted(scenario.User)} IN DATABASE {scenario.Quoted(scenario.Database)} " +
            $"SET search_path = {string.Join(", ", behaviours)}, pg_catalog, \"$user\", public");
}
