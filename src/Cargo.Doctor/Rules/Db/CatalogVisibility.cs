using Cargo.Doctor.Facts;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// Which rows of the svv_* grant views the login was shown, so that a missing row is read as "not
/// granted" only where the view would have shown it. Every page says superusers and users with
/// ACCESS SYSTEM TABLE see all rows; for other users:
/// <list type="bullet">
/// <item>svv_user_grants: "roles that are explicitly granted to them"
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_GRANTS.html);</item>
/// <item>svv_role_grants, svv_system_privileges, svv_schema_privileges, svv_database_privileges:
/// "identities they have access to or own" (r_SVV_ROLE_GRANTS.html, r_SVV_SYSTEM_PRIVILEGES.html,
/// r_SVV_SCHEMA_PRIVILEGES.html, r_SVV_DATABASE_PRIVILEGES.html), read as: roles the login holds;
/// whether PUBLIC or a user group counts is not said, so their rows are never assumed seen;</item>
/// <item>svv_default_privileges: "default permissions granted to them"
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DEFAULT_PRIVILEGES.html); whether a grant to
/// PUBLIC, a role or a group counts is not said, so only a superuser's or ACCESS SYSTEM TABLE's
/// empty answer is an absence.</item>
/// </list>
/// ACCESS SYSTEM TABLE is a system permission granted to a role
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-system-privileges.html); the login sees the
/// system permissions of the roles it holds, so holding it is read from those.
/// </summary>
public sealed class CatalogVisibility(WarehouseFacts warehouse)
{
    /// <summary>The role the "how to see it" statements create for the login.</summary>
    public const string ReaderRole = "cargo_doctor_catalog_reader";

    private const string Pages = "https://docs.aws.amazon.com/redshift/latest/dg/";

    public string Login => warehouse.LoginUser;

    /// <summary>Superuser, or ACCESS SYSTEM TABLE through one of the login's roles.</summary>
    public bool SeesAllRows => warehouse.LoginIsSuperuser || warehouse.Rbac?.LoginSystemTableAccess() is not null;

    /// <summary>Whether the view showed the login every row that concerns <paramref name="role"/> (or the Cargo user).</summary>
    public bool Shows(CatalogView view, string? role = null) => SeesAllRows || view switch
    {
        CatalogView.UserGrants => warehouse.LoginUser == warehouse.CargoUser,
        CatalogView.RoleGrants or CatalogView.SystemPrivileges =>
            role is not null && warehouse.Rbac?.LoginRoles.Any(m => m.Role == role) == true,
        _ => false,
    };

    /// <summary>What the login was not shown and the statements that would show it, as detail lines.</summary>
    public IReadOnlyList<string> HowToSee(CatalogView view, string hidden) =>
    [
        $"{ViewName(view)} shows \"{Login}\" only {OwnRows(view)} ({Pages}{Page(view)}): {hidden} could not be seen",
        $"to see every row, run again logged in as a superuser (--login-user), or give \"{Login}\" ACCESS SYSTEM TABLE (as an admin: " +
            $"CREATE ROLE {SqlQuote.Ident(ReaderRole)}; GRANT ACCESS SYSTEM TABLE TO ROLE {SqlQuote.Ident(ReaderRole)}; " +
            $"GRANT ROLE {SqlQuote.Ident(ReaderRole)} TO {SqlQuote.Ident(Login)};)",
    ];

    public static string ViewName(CatalogView view) => view switch
    {
        CatalogView.UserGrants => "svv_user_grants",
        CatalogView.RoleGrants => "svv_role_grants",
        CatalogView.SystemPrivileges => "svv_system_privileges",
        CatalogView.DefaultPrivileges => "svv_default_privileges",
        CatalogView.SchemaPrivileges => "svv_schema_privileges",
        CatalogView.IamPrivileges => "svv_iam_privileges",
        _ => "svv_database_privileges",
    };

    private static string Page(CatalogView view) => "r_" + ViewName(view).ToUpperInvariant() + ".html";

    private static string OwnRows(CatalogView view) => view switch
    {
        CatalogView.UserGrants => "roles granted to itself",
        CatalogView.DefaultPrivileges => "default permissions granted to itself",
        CatalogView.IamPrivileges => "entries it has access to",
        _ => "identities it has access to or owns",
    };
}
