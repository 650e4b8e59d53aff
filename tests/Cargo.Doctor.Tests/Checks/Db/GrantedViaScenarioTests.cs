using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// "Granted via" in db.database-privileges, db.schema-usage, db.table-grants and db.function-role:
/// for each privilege the Cargo user holds, where it comes from (directly, a role, a nested role, a
/// group, PUBLIC, superuser), read from the svv_*_privileges views where the login sees the rows,
/// else "not visible from this login" with the grant that would show them. Never a verdict change.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class GrantedViaScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly string[] DbChecks = ["db.database-privileges", "db.schema-usage", "db.table-grants", "db.function-role"];

    [Fact]
    public async Task direct_grants_are_granted_directly()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var result = await scenario.CheckAsync();

        AssertAllPass(result);
        Assert.Contains($"{scenario.Database}: CREATE, TEMP granted via: directly", result["db.database-privileges"].Details);
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: directly", result["db.schema-usage"].Details);
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: directly (3)", result["db.table-grants"].Details);
        Assert.Contains($"CREATE OR REPLACE FUNCTION granted via: role \"{scenario.FunctionRole}\"", result["db.function-role"].Details);
    }

    [Fact]
    public async Task grants_to_a_role_name_the_role()
    {
        var scenario = await ScenarioGrantedToAsync(server, "reader");
        await scenario.AdminAsync($"GRANT {Role(scenario, "reader")} TO {scenario.Quoted(scenario.User)}");

        var result = await scenario.CheckAsync();

        AssertAllPass(result);
        var role = $"role \"{Name(scenario, "reader")}\"";
        Assert.Contains($"{scenario.Database}: CREATE, TEMP granted via: {role}", result["db.database-privileges"].Details);
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: {role}", result["db.schema-usage"].Details);
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: {role} (3)", result["db.table-grants"].Details);
    }

    [Fact]
    public async Task grants_to_a_nested_role_name_the_path()
    {
        var scenario = await ScenarioGrantedToAsync(server, "reader");
        await scenario.AdminAsync($"CREATE ROLE {Role(scenario, "team")} NOLOGIN");
        await scenario.AdminAsync($"GRANT {Role(scenario, "reader")} TO {Role(scenario, "team")}");
        await scenario.AdminAsync($"GRANT {Role(scenario, "team")} TO {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync($"REVOKE {scenario.Quoted(scenario.FunctionRole)} FROM {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync($"GRANT {scenario.Quoted(scenario.FunctionRole)} TO {Role(scenario, "team")}");

        var result = await scenario.CheckAsync();

        AssertAllPass(result);
        var via = $"role \"{Name(scenario, "reader")}\" through role \"{Name(scenario, "team")}\"";
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: {via}", result["db.schema-usage"].Details);
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: {via} (3)", result["db.table-grants"].Details);
        Assert.Contains($"CREATE OR REPLACE FUNCTION granted via: role \"{scenario.FunctionRole}\" through role \"{Name(scenario, "team")}\"", result["db.function-role"].Details);
    }

    [Fact]
    public async Task grants_to_a_group_name_the_group_when_the_login_sees_group_rows()
    {
        var scenario = await ScenarioGrantedToAsync(server, null);
        var group = Name(scenario, "analysts");
        await scenario.AdminAsync($"SELECT rs_create_group({SqlQuote.Literal(group)}, {SqlQuote.Literal(scenario.User)})");
        await GrantAllAsync(scenario, SqlQuote.Ident(group));

        var result = await scenario.CheckAsAsync(LoginKind.Superuser);

        AssertAllPass(result);
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: group \"{group}\"", result["db.schema-usage"].Details);
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: group \"{group}\" (3)", result["db.table-grants"].Details);
    }

    [Fact]
    public async Task grants_to_public_name_public()
    {
        var scenario = await ScenarioGrantedToAsync(server, null);
        await GrantAllAsync(scenario, "PUBLIC");

        var result = await scenario.CheckAsAsync(LoginKind.Superuser);

        AssertAllPass(result);
        Assert.Contains($"{scenario.Database}: CREATE, TEMP granted via: PUBLIC", result["db.database-privileges"].Details);
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: PUBLIC", result["db.schema-usage"].Details);
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: PUBLIC (3)", result["db.table-grants"].Details);
    }

    [Fact]
    public async Task a_superuser_holds_everything_as_superuser()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.AdminAsync($"ALTER USER {scenario.Quoted(scenario.User)} SUPERUSER");
        await scenario.AdminAsync($"CREATE ROLE {scenario.Quoted(scenario.FunctionRole)} NOLOGIN");

        var result = await scenario.CheckAsync();

        AssertAllPass(result);
        Assert.Contains($"{scenario.Database}: CREATE, TEMP granted via: superuser", result["db.database-privileges"].Details);
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: superuser", result["db.schema-usage"].Details);
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: superuser (3)", result["db.table-grants"].Details);
        Assert.Contains("CREATE OR REPLACE FUNCTION granted via: superuser", result["db.function-role"].Details);
    }

    [Fact]
    public async Task most_tables_through_a_role_and_a_few_directly_are_counted_per_schema()
    {
        var scenario = await ScenarioGrantedToAsync(server, "reader");
        await scenario.AdminAsync($"GRANT {Role(scenario, "reader")} TO {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync("CREATE TABLE sales.late_one (id int); CREATE TABLE sales.late_two (id int)");
        await scenario.AdminAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON sales.late_one, sales.late_two TO {scenario.Quoted(scenario.User)}");

        var finding = (await scenario.CheckAsync())["db.table-grants"];

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains(
            $"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 5 table(s) granted via: role \"{Name(scenario, "reader")}\" (3), directly (2)",
            finding.Details);
    }

    [Fact]
    public async Task the_cargo_login_does_not_see_grants_to_public_and_says_so_without_changing_the_verdict()
    {
        var scenario = await ScenarioGrantedToAsync(server, null);
        await GrantAllAsync(scenario, "PUBLIC");

        var result = await scenario.CheckAsync();

        AssertAllPass(result);
        var usage = result["db.schema-usage"];
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: not visible from this login", usage.Details);
        Assert.Contains(usage.Details, d => d.Contains("GRANT ACCESS SYSTEM TABLE TO ROLE", StringComparison.Ordinal));
        Assert.Contains(usage.Details, d => d.Contains("https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SCHEMA_PRIVILEGES.html", StringComparison.Ordinal));
        var tables = result["db.table-grants"];
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: not visible from this login (3)", tables.Details);
        Assert.Contains(tables.Details, d => d.Contains("https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_RELATION_PRIVILEGES.html", StringComparison.Ordinal));
    }

    [Fact]
    public async Task another_login_does_not_see_the_cargo_users_own_grants()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var result = await scenario.CheckAsAsync(LoginKind.OtherUser);

        Assert.Equal(CheckStatus.Pass, result["db.schema-usage"].Status);
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: not visible from this login", result["db.schema-usage"].Details);
        Assert.Contains($"{scenario.Database}: CREATE, TEMP granted via: not visible from this login", result["db.database-privileges"].Details);
    }

    [Fact]
    public async Task access_system_table_does_not_open_relation_privileges_which_needs_a_superuser()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var result = await scenario.CheckAsAsync(LoginKind.SystemTableAccess);

        // svv_schema_privileges shows ACCESS SYSTEM TABLE every row; svv_relation_privileges does not
        // name that permission (its page names superusers and SYSLOG ACCESS UNRESTRICTED).
        Assert.Contains($"{scenario.Database}.sales: USAGE granted via: directly", result["db.schema-usage"].Details);
        var tables = result["db.table-grants"];
        Assert.Equal(CheckStatus.Pass, tables.Status);
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: not visible from this login (3)", tables.Details);
        Assert.Contains(tables.Details, d => d.Contains("superuser", StringComparison.Ordinal) && d.Contains("svv_relation_privileges", StringComparison.Ordinal));
    }

    [Fact]
    public async Task statement_count_stays_fixed_with_granted_via_whatever_the_number_of_tables()
    {
        var small = await ScenarioGrantedToAsync(server, "reader");
        await small.AdminAsync($"GRANT {Role(small, "reader")} TO {small.Quoted(small.User)}");
        var large = await ScenarioGrantedToAsync(server, "reader");
        await large.AdminAsync(string.Concat(Enumerable.Range(0, 250).Select(i => $"CREATE TABLE sales.t{i} (id int);")));
        await large.AdminAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA sales TO {Role(large, "reader")}");
        await large.AdminAsync($"GRANT {Role(large, "reader")} TO {large.Quoted(large.User)}");

        var smallResult = await small.CheckAsync();
        var largeResult = await large.CheckAsync();

        Assert.Equal(smallResult.StatementCount, largeResult.StatementCount);
        Assert.Contains(
            $"{large.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 253 table(s) granted via: role \"{Name(large, "reader")}\" (253)",
            largeResult["db.table-grants"].Details);
    }

    [Fact]
    public async Task redacted_facts_keep_the_attribution_and_show_tokens_only()
    {
        var scenario = await ScenarioGrantedToAsync(server, "reader");
        await scenario.AdminAsync($"GRANT {Role(scenario, "reader")} TO {scenario.Quoted(scenario.User)}");
        await GrantAllAsync(scenario, "PUBLIC");
        var result = await scenario.CheckAsAsync(LoginKind.Superuser);

        // --redact turns every grantee name into a token wherever it appears: PUBLIC and the
        // "any grantee" count must carry no name, or "public" and "*" (IAM policies) would be rewritten.
        var grants = result.Facts.Warehouse!.Databases.Single().ExplicitGrants!;
        Assert.Contains(grants.Schemas!, g => g.GranteeType == "public");
        Assert.Contains(grants.Tables!, c => c.GranteeType == "*");
        Assert.All(grants.Schemas!.Concat(grants.Database!), g => Assert.NotEqual("public", g.Grantee));
        Assert.All(grants.Tables!, c => Assert.DoesNotContain(c.Grantee, new[] { "public", "*" }));

        var redacted = Cargo.Doctor.Redaction.FactsRedactor.Redact(result.Facts);
        var findings = new Cargo.Doctor.Engine.CheckRunner(WarehouseScenario.Catalog, Cargo.Doctor.Rules.RuleSet.All).Run(redacted);

        var usage = findings.Single(f => f.CheckId == "db.schema-usage");
        var line = Assert.Single(usage.Details, d => d.Contains("USAGE granted via:", StringComparison.Ordinal));
        Assert.Matches("^database_[0-9]+\\.schema_[0-9]+: USAGE granted via: role \"[a-z]+_[0-9]+\"; PUBLIC$", line);
        foreach (var original in new[] { scenario.Database, scenario.User, Name(scenario, "reader"), "sales" })
        {
            Assert.DoesNotContain(findings.SelectMany(f => f.Details), d => d.Contains(original, StringComparison.Ordinal));
        }
    }

    private static void AssertAllPass(CheckResult result) =>
        Assert.All(DbChecks, id => Assert.True(result[id].Status == CheckStatus.Pass, $"{id}: {result[id].Status}: {result[id].Summary}\n{string.Join("\n", result[id].Details)}"));

    /// <summary>Role names are unique per scenario: roles are cluster-wide and scenarios run side by side.</summary>
    private static string Name(WarehouseScenario scenario, string role) => $"{role}_{scenario.Database}";

    private static string Role(WarehouseScenario scenario, string role) => SqlQuote.Ident(Name(scenario, role));

    /// <summary>
    /// The guide's objects with every grant made to a role (<paramref name="role"/>, not yet granted to
    /// the user) instead of the user; null: nothing granted yet. The function role reaches the user directly.
    /// </summary>
    private static async Task<WarehouseScenario> ScenarioGrantedToAsync(PostgresServer server, string? role)
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.CreateFunctionRoleAsync();
        if (role is not null)
        {
            await scenario.AdminAsync($"CREATE ROLE {Role(scenario, role)} NOLOGIN");
            await GrantAllAsync(scenario, Role(scenario, role));
        }

        return scenario;
    }

    private static async Task GrantAllAsync(WarehouseScenario scenario, string grantee)
    {
        await scenario.AdminAsync($"GRANT ALL ON DATABASE {scenario.Quoted(scenario.Database)} TO {grantee}");
        await scenario.AdminAsync($"GRANT USAGE ON SCHEMA sales TO {grantee}");
        await scenario.AdminAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA sales TO {grantee}");
    }
}
