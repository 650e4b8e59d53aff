using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Rules.Db.WarehouseFactsBuilder;

namespace Cargo.Doctor.Tests.Rules.Db;

/// <summary>
/// Which svv_* rows each kind of login is shown, per the AWS page of each view (superusers and
/// ACCESS SYSTEM TABLE: all; others: their own roles, identities they hold, default permissions
/// granted to them), and what db.function-role and db.future-grants make of a missing row.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CatalogVisibilityTests
{
    private const string FunctionRole = "cargo_create_replace_function";

    public static TheoryData<LoginKind, CatalogView, string?, bool> Views() => new()
    {
        // The Cargo user's own role grants.
        { LoginKind.Superuser, CatalogView.UserGrants, null, true },
        { LoginKind.SystemTableAccess, CatalogView.UserGrants, null, true },
        { LoginKind.CargoUser, CatalogView.UserGrants, null, true },
        { LoginKind.OtherUser, CatalogView.UserGrants, null, false },

        // Role edges and system permissions of the function role: only if the login holds it.
        { LoginKind.Superuser, CatalogView.SystemPrivileges, FunctionRole, true },
        { LoginKind.SystemTableAccess, CatalogView.SystemPrivileges, FunctionRole, true },
        { LoginKind.CargoUser, CatalogView.SystemPrivileges, FunctionRole, true },
        { LoginKind.CargoUser, CatalogView.SystemPrivileges, "someone_elses_role", false },
        { LoginKind.OtherUser, CatalogView.SystemPrivileges, FunctionRole, false },
        { LoginKind.CargoUser, CatalogView.RoleGrants, FunctionRole, true },
        { LoginKind.OtherUser, CatalogView.RoleGrants, FunctionRole, false },

        // Default privileges and scoped permissions: PUBLIC, roles and groups may be hidden from anyone but the first two.
        { LoginKind.Superuser, CatalogView.DefaultPrivileges, null, true },
        { LoginKind.SystemTableAccess, CatalogView.DefaultPrivileges, null, true },
        { LoginKind.CargoUser, CatalogView.DefaultPrivileges, null, false },
        { LoginKind.OtherUser, CatalogView.DefaultPrivileges, null, false },
        { LoginKind.SystemTableAccess, CatalogView.SchemaPrivileges, null, true },
        { LoginKind.CargoUser, CatalogView.SchemaPrivileges, null, false },
        { LoginKind.CargoUser, CatalogView.DatabasePrivileges, null, false },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public void each_login_is_shown_what_the_view_page_says(LoginKind login, CatalogView view, string? role, bool shown)
    {
        Assert.Equal(shown, new CatalogVisibility(Facts(login)).Shows(view, role));
    }

    [Fact]
    public void system_table_access_is_read_from_the_login_roles_privileges()
    {
        var login = Facts(LoginKind.SystemTableAccess);
        var withoutThePrivilege = login with { Rbac = login.Rbac! with { RolePrivileges = [.. login.Rbac.RolePrivileges!.Where(p => p.Role != "reader")] } };
        var privilegesUnreadable = login with { Rbac = login.Rbac! with { RolePrivileges = null } };

        Assert.Equal("reader", login.Rbac!.LoginSystemTableAccess()?.Role);
        Assert.False(new CatalogVisibility(withoutThePrivilege).SeesAllRows);
        Assert.False(new CatalogVisibility(privilegesUnreadable).SeesAllRows);
    }

    [Theory]
    // Seen as not granted, with no probe run: a warning (USAGE ON LANGUAGE sql may still allow CREATE FUNCTION,
    // https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html), unknown where not seen.
    [InlineData(LoginKind.Superuser, CheckStatus.Warn)]
    [InlineData(LoginKind.SystemTableAccess, CheckStatus.Warn)]
    [InlineData(LoginKind.CargoUser, CheckStatus.Warn)]
    [InlineData(LoginKind.OtherUser, CheckStatus.Unknown)]
    public void function_role_not_in_the_user_roles_is_a_finding_only_where_they_are_shown(LoginKind login, CheckStatus expected)
    {
        var facts = Facts(login);
        var warehouse = facts with { Rbac = facts.Rbac! with { UserRoles = [] } };

        var finding = Run(warehouse).Find(FunctionRoleRule.Id);

        Assert.Equal(expected, finding.Status);
        if (expected == CheckStatus.Unknown)
        {
            Assert.Empty(finding.Remediation);
            Assert.Contains(finding.Details, d => d.Contains("GRANT ACCESS SYSTEM TABLE TO ROLE \"cargo_doctor_catalog_reader\"", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(LoginKind.Superuser, CheckStatus.Warn)]
    [InlineData(LoginKind.SystemTableAccess, CheckStatus.Warn)]
    [InlineData(LoginKind.CargoUser, CheckStatus.Unknown)]
    [InlineData(LoginKind.OtherUser, CheckStatus.Unknown)]
    public void missing_default_privileges_are_a_warning_only_where_every_row_is_shown(LoginKind login, CheckStatus expected)
    {
        var warehouse = Facts(login) with { Databases = [Database() with { FutureGrants = [] }] };

        Assert.Equal(expected, Run(warehouse).Find(FutureGrantsRule.Id).Status);
    }

    [Fact]
    public void default_privileges_to_a_group_of_the_user_count_but_not_to_a_role_of_the_same_name()
    {
        var toGroup = Rows("cargo_readers", "group");
        var toRoleNamedLikeTheGroup = Rows("cargo_readers", "role");
        var superuser = Facts(LoginKind.Superuser);

        Assert.Equal(CheckStatus.Pass, Run(superuser with { Databases = [Database() with { FutureGrants = toGroup }] }).Find(FutureGrantsRule.Id).Status);
        Assert.Equal(CheckStatus.Warn, Run(superuser with { Databases = [Database() with { FutureGrants = toRoleNamedLikeTheGroup }] }).Find(FutureGrantsRule.Id).Status);
    }

    [Fact]
    public void unreadable_groups_make_a_group_grant_unknown_not_missing()
    {
        var superuser = Facts(LoginKind.Superuser);
        var warehouse = superuser with
        {
            Rbac = superuser.Rbac! with { CargoUserGroups = null, CargoUserGroupsGap = new Gap("could not read pg_group: permission denied") },
            Databases = [Database() with { FutureGrants = Rows("cargo_readers", "group") }],
        };

        var finding = Run(warehouse).Find(FutureGrantsRule.Id);

        Assert.Equal(CheckStatus.Unknown, finding.Status);
        Assert.Contains(finding.Details, d => d.Contains("pg_group", StringComparison.Ordinal));
    }

    private static List<FutureGrantFacts> Rows(string grantee, string type) =>
        [.. new[] { "SELECT", "INSERT", "UPDATE", "DELETE" }.Select(p => new FutureGrantFacts("sales", "admin", p, grantee, type, "default"))];

    /// <summary>Healthy facts as each login kind reads them: what the views showed it.</summary>
    private static WarehouseFacts Facts(LoginKind login)
    {
        var healthy = Healthy();
        var rbac = healthy.Rbac! with { CargoUserGroups = ["cargo_readers"] };
        return login switch
        {
            LoginKind.Superuser => healthy with { LoginUser = "admin", LoginIsSuperuser = true, Rbac = rbac },
            LoginKind.SystemTableAccess => healthy with
            {
                LoginUser = "auditor",
                Rbac = rbac with
                {
                    LoginRoles = [new RoleMembership("reader", ["auditor", "reader"])],
                    RolePrivileges = [.. rbac.RolePrivileges!, new RolePrivilege("reader", "ACCESS SYSTEM TABLE")],
                },
            },
            LoginKind.CargoUser => healthy with { Rbac = rbac with { LoginRoles = rbac.UserRoles } },
            _ => healthy with { LoginUser = "auditor", Rbac = rbac with { UserRoles = [], RolePrivileges = [] } },
        };
    }
}
