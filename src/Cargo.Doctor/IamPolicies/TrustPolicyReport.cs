namespace Cargo.Doctor.IamPolicies;

/// <param name="SuggestedTrustPolicyJson">The documented "Redshift - Customizable" trust (plus Serverless), to paste as a fix.</param>
public sealed record TrustPolicyReport(
    IReadOnlyList<PrincipalTrust> Principals,
    IReadOnlyList<TrustPolicyIssue> Issues,
    string SuggestedTrustPolicyJson)
{
    public TrustStatus Status =>
        Principals.Select(p => p.Status).Concat(Issues.Select(i => i.Status)).DefaultIfEmpty(TrustStatus.Pass).Max();
}
