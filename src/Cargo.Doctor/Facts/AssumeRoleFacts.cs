namespace Cargo.Doctor.Facts;

/// <summary>
/// db.assume-role-privilege: whether the Cargo user may use the role chain (the customer's role, then
/// Cargo's) for COPY and UNLOAD once a superuser has switched on per-user ASSUMEROLE control.
/// </summary>
public sealed record AssumeRoleFacts
{
    public required string CustomerRoleArn { get; init; }

    public required string CargoRoleArn { get; init; }

    /// <summary>has_assumerole_privilege(user, chain, 'COPY'); null when not asked (see <see cref="PrivilegeGap"/>).</summary>
    public bool? Copy { get; init; }

    public bool? Unload { get; init; }

    public Gap? PrivilegeGap { get; init; }

    /// <summary>Rows of svv_iam_privileges that name the chain; null when the view could not be read.</summary>
    public IReadOnlyList<IamPrivilegeGrant>? Grants { get; init; }

    public Gap? GrantsGap { get; init; }

    /// <summary>The chain as COPY and UNLOAD name it, and as GRANT ASSUMEROLE ON must name it.</summary>
    public string Chain() => $"{CustomerRoleArn},{CargoRoleArn}";
}

/// <summary>One explicit ASSUMEROLE grant of the chain (svv_iam_privileges); type is user, role, group or public.</summary>
/// <param name="OnAll">A grant ON ALL (every role and chain), not of the chain itself.</param>
public sealed record IamPrivilegeGrant(string Command, string Grantee, string GranteeType, bool OnAll = false);
