namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// A Principal or NotPrincipal element: either <c>"*"</c> or a map of principal type
/// (<c>Service</c>, <c>AWS</c>, <c>Federated</c>, <c>CanonicalUser</c>) to identifiers.
/// </summary>
public sealed record PolicyPrincipal(bool IsWildcard, IReadOnlyDictionary<string, IReadOnlyList<string>> ByType)
{
    public static PolicyPrincipal Everyone { get; } =
        new(true, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    public IReadOnlyList<string> Services => Get("Service");

    /// <summary><c>"*"</c>, or <c>{"AWS": "*"}</c>, which IAM treats the same way.</summary>
    public bool MatchesEveryone => IsWildcard || Get("AWS").Contains("*");

    public IReadOnlyList<string> Get(string type) =>
        ByType.TryGetValue(type, out var values) ? values : [];

    public bool HasService(string servicePrincipal) =>
        Services.Any(s => string.Equals(s, servicePrincipal, StringComparison.OrdinalIgnoreCase));
}
