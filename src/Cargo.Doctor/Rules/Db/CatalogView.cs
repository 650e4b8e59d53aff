namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// The svv_* grant views db.function-role and db.future-grants read. Each shows a superuser, or a
/// login holding ACCESS SYSTEM TABLE, every row, and other logins only some (see
/// <see cref="CatalogVisibility"/>).
/// </summary>
public enum CatalogView
{
    UserGrants,
    RoleGrants,
    SystemPrivileges,
    DefaultPrivileges,
    SchemaPrivileges,
    DatabasePrivileges,
    IamPrivileges,
}
