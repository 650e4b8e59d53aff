using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>db.user-exists, inspected from an admin login (logging in as a missing user cannot work).</summary>
[Trait("Category", "Warehouse")]
public sealed class UserExistsScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task no_user_fails_with_create_user_and_blocks_privilege_checks()
    {
        var scenario = await WarehouseScenario.CreateAsync(server, createUser: false);
        await scenario.CreateSchemaWithTablesAsync("sales");
        var config = scenario.Config("sales");

        var result = await scenario.CheckAsync(
            config with { Warehouse = config.Warehouse with { LoginUser = PostgresServer.AdminUser } },
            PostgresServer.AdminPassword);

        var user = result[UserExistsRule.Id];
        Assert.Equal(CheckStatus.Fail, user.Status);
        Assert.Equal($"user \"{scenario.User}\" does not exist", user.Summary);
        Assert.Contains(user.Remediation, r => r.Text == $"CREATE USER \"{scenario.User}\" WITH PASSWORD '<strong_password>';");
        Assert.Equal(CheckStatus.Skipped, result[TableGrantsRule.Id].Status);
        Assert.Equal("blocked by db.user-exists", result[FunctionRoleRule.Id].Summary);
    }

    [Fact]
    public async Task admin_login_sees_the_same_verdicts_as_the_cargo_user()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var config = scenario.Config("sales");

        var asAdmin = await scenario.CheckAsync(
            config with
            {
                Warehouse = config.Warehouse with { LoginUser = PostgresServer.AdminUser },
                Aws = config.Aws with { RoleArn = "arn:aws:iam::123456789012:role/cargo-redshift-access" },
                Cargo = config.Cargo with { RoleArn = "arn:aws:iam::210987654321:role/cargo-data-loader" },
            },
            PostgresServer.AdminPassword);

        Assert.All(asAdmin.Findings.Where(f => f.CheckId.StartsWith("db.", StringComparison.Ordinal)), f => Assert.True(f.Status == CheckStatus.Pass, asAdmin.Describe()));
        Assert.Equal(PostgresServer.AdminUser, asAdmin.Facts.Warehouse!.LoginUser);
        Assert.True(asAdmin.Facts.Warehouse.LoginIsSuperuser);
    }
}
