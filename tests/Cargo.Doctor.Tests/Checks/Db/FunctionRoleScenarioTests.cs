using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// db.function-role: exists, holds CREATE OR REPLACE FUNCTION, reaches the user; each with its own fix. With a step
/// missing, the live probe still creates a function through USAGE ON LANGUAGE sql, PUBLIC's by default, so each is a
/// warning (https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html); the conformance case
/// function-create-language-revoked is the failure.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class FunctionRoleScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static async Task<WarehouseScenario> WithoutRoleAsync(PostgresServer server)
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales");
        await scenario.GrantDatabaseAsync();
        return scenario;
    }

    [Fact]
    public async Task role_missing_prints_all_three_statements_which_fix_it()
    {
        var scenario = await WithoutRoleAsync(server);

        var finding = (await scenario.CheckAsync())[FunctionRoleRule.Id];

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains($"role \"{scenario.FunctionRole}\" does not exist", finding.Summary);
        var fix = Assert.Single(finding.Remediation, r => r.Kind == "sql");
        Assert.Equal(
            $"CREATE ROLE \"{scenario.FunctionRole}\";\nGRANT CREATE OR REPLACE FUNCTION TO ROLE \"{scenario.FunctionRole}\";\nGRANT ROLE \"{scenario.FunctionRole}\" TO \"{scenario.User}\";",
            fix.Text);

        await scenario.ApplyRemediationAsync(finding);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync())[FunctionRoleRule.Id].Status);
    }

    [Fact]
    public async Task role_without_the_privilege_fails_with_the_system_grant()
    {
        var scenario = await WithoutRoleAsync(server);
        await scenario.CreateFunctionRoleAsync(holdsPrivilege: false);

        var finding = (await scenario.CheckAsync())[FunctionRoleRule.Id];

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains($"role \"{scenario.FunctionRole}\" does not hold CREATE OR REPLACE FUNCTION", finding.Summary);
        Assert.Equal("grant-privilege", Assert.Single(finding.Remediation, r => r.Kind == "sql").Key);

        await scenario.ApplyRemediationAsync(finding);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync())[FunctionRoleRule.Id].Status);
    }

    [Fact]
    public async Task role_granted_to_someone_else_fails_with_grant_role()
    {
        var scenario = await WithoutRoleAsync(server);
        await scenario.CreateFunctionRoleAsync(grantToUser: false);
        var other = server.UniqueName("analyst");
        await scenario.AdminAsync($"CREATE USER {scenario.Quoted(other)}; GRANT {scenario.Quoted(scenario.FunctionRole)} TO {scenario.Quoted(other)}");

        var finding = (await scenario.CheckAsync())[FunctionRoleRule.Id];

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains("is not granted to", finding.Summary);
        var fix = Assert.Single(finding.Remediation, r => r.Kind == "sql");
        Assert.Equal($"GRANT ROLE \"{scenario.FunctionRole}\" TO \"{scenario.User}\";", fix.Text);
        Assert.Contains(finding.Details, d => d.Contains("could not be seen", StringComparison.Ordinal));

        await scenario.ApplyRemediationAsync(finding);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync())[FunctionRoleRule.Id].Status);
    }

    [Fact]
    public async Task privilege_reaching_the_user_through_a_nested_role_passes()
    {
        var scenario = await WithoutRoleAsync(server);
        await scenario.CreateFunctionRoleAsync(grantToUser: false);
        var team = server.UniqueName("data_team");
        await scenario.AdminAsync($"CREATE ROLE {scenario.Quoted(team)} NOLOGIN; GRANT {scenario.Quoted(scenario.FunctionRole)} TO {scenario.Quoted(team)}; GRANT {scenario.Quoted(team)} TO {scenario.Quoted(scenario.User)}");

        var finding = (await scenario.CheckAsync())[FunctionRoleRule.Id];

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains($"({scenario.User} -> {team} -> {scenario.FunctionRole})", finding.Summary);
    }
}
