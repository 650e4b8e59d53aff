namespace Cargo.Doctor.IamPolicies;

/// <param name="Text">One line a customer can read.</param>
/// <param name="Statement">The statement the issue is about, when there is one.</param>
public sealed record TrustPolicyIssue(IssueSeverity Severity, string Text, PolicyStatement? Statement = null)
{
    public static TrustPolicyIssue Warning(string text, PolicyStatement? statement = null) =>
        new(IssueSeverity.Warning, text, statement);

    public static TrustPolicyIssue Failure(string text, PolicyStatement? statement = null) =>
        new(IssueSeverity.Failure, text, statement);

    public TrustStatus Status => Severity == IssueSeverity.Failure ? TrustStatus.Fail : TrustStatus.Warn;
}
