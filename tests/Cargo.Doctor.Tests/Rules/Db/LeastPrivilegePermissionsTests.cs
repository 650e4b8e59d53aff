using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using static Cargo.Doctor.Tests.Rules.Db.WarehouseFactsBuilder;

namespace Cargo.Doctor.Tests.Rules.Db;

/// <summary>
/// Issue 20 item 4: db.least-privilege looks at every system permission the Cargo user holds through its roles
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-system-privileges.html), not only three role names.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LeastPrivilegePermissionsTests
{
    [Theory]
    [InlineData("CREATE USER")]
    [InlineData("ALTER USER")]
    [InlineData("DROP USER")]
    [InlineData("CREATE ROLE")]
    [InlineData("DROP ROLE")]
    [InlineData("IGNORE RLS")]
    [InlineData("ACCESS SYSTEM TABLE")]
    [InlineData("drop  user")]
    public void an_administrative_permission_through_a_nested_role_warns_naming_it(string permission)
    {
        var finding = Run(WithRole("ops_admin", permission, ["cargo_user", "data_team", "ops_admin"])).Find(LeastPrivilegeRule.Id);

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains(string.Join(' ', permission.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant(), finding.Summary);
        Assert.Contains(finding.Details, d => d.Contains("cargo_user -> data_team -> ops_admin", StringComparison.Ordinal));
        Assert.Contains(finding.Remediation, r => r.Key == "revoke-role" && r.Text.Contains("\"data_team\"", StringComparison.Ordinal));
    }

    [Fact]
    public void sys_operator_is_administrative_too()
    {
        var finding = Run(WithRole("sys:operator", "ACCESS CATALOG", ["cargo_user", "sys:operator"])).Find(LeastPrivilegeRule.Id);

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains("sys:operator", finding.Summary);
    }

    [Fact]
    public void the_function_permission_alone_passes()
    {
        Assert.Equal(CheckStatus.Pass, Run(Healthy()).Find(LeastPrivilegeRule.Id).Status);
    }

    [Fact]
    public void roles_whose_permissions_another_login_cannot_see_are_unknown_not_a_pass()
    {
        var facts = WithRole("ops_admin", "CREATE USER", ["cargo_user", "ops_admin"]);
        var hidden = facts with
        {
            LoginUser = "auditor",
            Rbac = facts.Rbac! with
            {
                RolePrivileges = [.. facts.Rbac.RolePrivileges!.Where(p => p.Role != "ops_admin")],
                LoginRoles = [new RoleMembership("cargo_create_replace_function", ["auditor", "cargo_create_replace_function"])],
            },
            LoginIsSuperuser = false,
        };

        var finding = Run(hidden).Find(LeastPrivilegeRule.Id);

        Assert.NotEqual(CheckStatus.Pass, finding.Status);
    }

    private static WarehouseFacts WithRole(string role, string permission, string[] path)
    {
        var healthy = Healthy();
        return healthy with
        {
            Rbac = healthy.Rbac! with
            {
                RolePrivileges = [.. healthy.Rbac.RolePrivileges!, new RolePrivilege(role, permission)],
                UserRoles = [.. healthy.Rbac.UserRoles, .. Enumerable.Range(2, path.Length - 1).Select(n => new RoleMembership(path[n - 1], path[..n]))],
            },
        };
    }
}
