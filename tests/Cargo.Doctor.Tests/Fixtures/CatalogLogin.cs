using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// Who runs the doctor, as far as the svv_* grant views care: a superuser, a login holding
/// ACCESS SYSTEM TABLE through a role, the Cargo user itself, or another login with neither.
/// </summary>
public enum LoginKind
{
    Superuser,
    SystemTableAccess,
    CargoUser,
    OtherUser,
}

/// <summary>Creates the login of a <see cref="LoginKind"/> and runs the tool as it.</summary>
public static class CatalogLogin
{
    public static Task<CheckResult> CheckAsAsync(this WarehouseScenario scenario, LoginKind kind, params string[] schemas) =>
        scenario.CheckAsAsync(kind, scenario.Config(schemas.DefaultIfEmpty("sales").ToArray()));

    /// <summary>Runs the given configuration (e.g. with role ARNs added) as a login of this kind.</summary>
    public static async Task<CheckResult> CheckAsAsync(this WarehouseScenario scenario, LoginKind kind, Cargo.Doctor.Config.DoctorConfig config)
    {
        return kind switch
        {
            LoginKind.CargoUser => await scenario.CheckAsync(config),
            LoginKind.Superuser => await scenario.CheckAsync(
                config with { Warehouse = config.Warehouse with { LoginUser = PostgresServer.AdminUser } }, PostgresServer.AdminPassword),
            _ => await scenario.CheckAsync(
                config with { Warehouse = config.Warehouse with { LoginUser = await CreateInspectingLoginAsync(scenario, kind == LoginKind.SystemTableAccess, config.Warehouse.Schemas.Select(s => s.Schema)) } },
                WarehouseScenario.Password),
        };
    }

    /// <summary>
    /// A login that inspects the Cargo user also needs USAGE on the schemas to list their tables and
    /// owners (README, "The checks"); without it the table-owner-dependent verdicts are unknown.
    /// </summary>
    private static async Task<string> CreateInspectingLoginAsync(WarehouseScenario scenario, bool systemTableAccess, IEnumerable<string> schemas)
    {
        var login = await CreateLoginAsync(scenario, systemTableAccess);
        foreach (var schema in schemas)
        {
            await scenario.AdminAsync(
                $"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = {SqlQuote.Literal(schema)}) THEN " +
                $"EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', {SqlQuote.Literal(schema)}, {SqlQuote.Literal(login)}); END IF; END $$");
        }

        return login;
    }

    /// <summary>
    /// A plain login; with <paramref name="systemTableAccess"/>, holding ACCESS SYSTEM TABLE through a
    /// role, the way Redshift grants system permissions (GRANT ACCESS SYSTEM TABLE TO ROLE r; GRANT ROLE r TO u).
    /// </summary>
    public static async Task<string> CreateLoginAsync(WarehouseScenario scenario, bool systemTableAccess)
    {
        var login = scenario.Server.UniqueName(systemTableAccess ? "catalog_reader" : "auditor");
        await scenario.AdminAsync($"CREATE USER {SqlQuote.Ident(login)} WITH LOGIN PASSWORD {SqlQuote.Literal(WarehouseScenario.Password)}");
        if (systemTableAccess)
        {
            var role = scenario.Server.UniqueName("system_table_reader");
            await scenario.AdminAsync($"CREATE ROLE {SqlQuote.Ident(role)} NOLOGIN");
            await scenario.AdminAsync($"SELECT rs_grant_system_privilege('ACCESS SYSTEM TABLE', {SqlQuote.Literal(role)})");
            await scenario.AdminAsync($"GRANT {SqlQuote.Ident(role)} TO {SqlQuote.Ident(login)}");
        }

        return login;
    }
}
