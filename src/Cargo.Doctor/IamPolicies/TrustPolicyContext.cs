namespace Cargo.Doctor.IamPolicies;

/// <summary>What the trust policy analysis needs to know about the deployment.</summary>
/// <param name="Region">The cluster's or workgroup's region, e.g. <c>us-east-1</c>.</param>
/// <param name="CargoDbUserArn">
/// The dbuser ARN Redshift passes as <c>sts:ExternalId</c>, e.g. <c>arn:aws:redshift:us-east-1:111122223333:dbuser:my-cluster/cargo_user</c>.
/// </param>
/// <param name="CustomerAccountId">The role's account; when null it is taken from <paramref name="CargoDbUserArn"/>.</param>
public sealed record TrustPolicyContext(
    bool IsServerless,
    string Region,
    string? CargoDbUserArn = null,
    string? CustomerAccountId = null)
{
    public string? AccountId => CustomerAccountId ?? ArnPart(CargoDbUserArn, 4);

    /// <summary>The user name at the end of the dbuser ARN, e.g. <c>cargo_user</c>.</summary>
    public string? CargoUserName =>
        CargoDbUserArn is { } arn && arn.LastIndexOf('/') is var slash and >= 0 ? arn[(slash + 1)..] : null;

    private static string? ArnPart(string? arn, int index)
    {
        var parts = arn?.Split(':');
        return parts is not null && parts.Length > index && parts[index].Length > 0 ? parts[index] : null;
    }
}
