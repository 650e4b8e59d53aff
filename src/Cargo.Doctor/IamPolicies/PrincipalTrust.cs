namespace Cargo.Doctor.IamPolicies;

/// <summary>Whether one required service principal can assume the role.</summary>
/// <param name="ServicePrincipal">e.g. <c>redshift.amazonaws.com</c>.</param>
/// <param name="AllowingStatement">The Allow statement that best lets it in, when there is one.</param>
public sealed record PrincipalTrust(
    string ServicePrincipal,
    TrustStatus Status,
    string Reason,
    PolicyStatement? AllowingStatement);
