namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// One grant on a key (ListGrants, https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantListEntry.html).
/// <paramref name="HasConstraints"/>: the grant holds only for some encryption contexts.
/// </summary>
public sealed record KmsGrant(string GrantId, string? GranteePrincipal, IReadOnlyList<string> Operations, bool HasConstraints);
