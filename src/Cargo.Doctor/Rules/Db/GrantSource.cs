using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// How a grantee named in an svv_*_privileges row reaches the Cargo user, in the words a support
/// engineer repeats to a customer: <c>directly</c>, <c>role "r"</c>, <c>role "r" through role "m"</c>
/// (nested roles, https://docs.aws.amazon.com/redshift/latest/dg/t_role_hierarchy.html),
/// <c>group "g"</c> (pg_group, https://docs.aws.amazon.com/redshift/latest/dg/r_Groups.html) or
/// <c>PUBLIC</c>. The identity types are the views' own: user, role, group, public.
/// </summary>
internal sealed class GrantSource(WarehouseFacts warehouse)
{
    public const string Directly = "directly";
    public const string Public = "PUBLIC";

    /// <summary>The source, or null when the grantee does not reach the Cargo user (as far as the login saw).</summary>
    public string? Of(string grantee, string granteeType) => granteeType.ToLowerInvariant() switch
    {
        "public" => Public,
        "user" when grantee == warehouse.CargoUser => Directly,
        "role" => warehouse.Rbac?.UserRoles.FirstOrDefault(m => m.Role == grantee) is { } membership ? Role(membership) : null,
        "group" when warehouse.Rbac?.CargoUserGroups?.Contains(grantee) == true => $"group \"{grantee}\"",
        _ => null,
    };

    /// <summary>A role with the roles between it and the user, nearest the user first.</summary>
    public static string Role(RoleMembership membership) => membership.Path.Count <= 2
        ? $"role \"{membership.Role}\""
        : $"role \"{membership.Role}\" through {string.Join(" -> ", membership.Path.Skip(1).SkipLast(1).Select(r => $"role \"{r}\""))}";

    /// <summary>Sorts sources the way they read best: directly, roles (nearest first), groups, PUBLIC.</summary>
    public static int Rank(string source) => source switch
    {
        "superuser" => 0,
        "owner" => 1,
        Directly => 2,
        _ when source.StartsWith("role ", StringComparison.Ordinal) => 2 + source.Split("role \"").Length,
        _ when source.StartsWith("group ", StringComparison.Ordinal) => 100,
        Public => 101,
        _ => 102,
    };
}
