namespace Cargo.Doctor.IamPolicies;

public static class RedshiftServicePrincipals
{
    public const string Redshift = "redshift.amazonaws.com";
    public const string RedshiftServerless = "redshift-serverless.amazonaws.com";

    /// <summary>Regional principals are a documented restriction of the global one.</summary>
    public static string RedshiftRegional(string region) => $"redshift.{region}.amazonaws.com";

    public static IReadOnlyList<string> Required(bool isServerless) =>
        isServerless ? [Redshift, RedshiftServerless] : [Redshift];

    /// <summary>Principal names in a trust policy that count as trusting <paramref name="required"/>.</summary>
    public static IReadOnlyList<string> AcceptedNames(string required, string region) =>
        required == Redshift ? [Redshift, RedshiftRegional(region)] : [required];
}
