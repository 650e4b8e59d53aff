using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// Everyone a privilege can be granted to that reaches the Cargo user: itself, its roles (nested
/// too), its user groups (pg_group) and PUBLIC. ALTER DEFAULT PRIVILEGES grants to a user, a role or
/// a group (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_DEFAULT_PRIVILEGES.html); the
/// grantee type tells which, since a group and a role may share a name.
/// </summary>
internal sealed class Grantees
{
    private readonly string _user;
    private readonly HashSet<string> _roles;
    private readonly HashSet<string> _groups;

    private Grantees(string user, IEnumerable<string> roles, IEnumerable<string> groups, Gap? groupsGap)
    {
        _user = user;
        _roles = roles.ToHashSet(StringComparer.Ordinal);
        _groups = groups.ToHashSet(StringComparer.Ordinal);
        GroupsGap = groupsGap;
    }

    /// <summary>Set when the user's groups could not be read: a grant to a group cannot be attributed.</summary>
    public Gap? GroupsGap { get; }

    public static Grantees Of(WarehouseFacts warehouse) => new(
        warehouse.CargoUser,
        warehouse.Rbac?.UserRoles.Select(r => r.Role) ?? [],
        warehouse.Rbac?.CargoUserGroups ?? [],
        warehouse.Rbac is null ? null : warehouse.Rbac.CargoUserGroupsGap ?? (warehouse.Rbac.CargoUserGroups is null ? new Gap("user groups were not read") : null));

    public static bool IsGroup(FutureGrantFacts grant) => grant.GranteeType.Equals("group", StringComparison.OrdinalIgnoreCase);

    public bool Reached(FutureGrantFacts grant) => grant.GranteeType.ToLowerInvariant() switch
    {
        "public" => true,
        "user" => grant.Grantee == _user,
        "role" => _roles.Contains(grant.Grantee),
        "group" => _groups.Contains(grant.Grantee),
        _ => false,
    };
}
