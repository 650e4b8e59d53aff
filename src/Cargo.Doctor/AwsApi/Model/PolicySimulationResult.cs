namespace Cargo.Doctor.AwsApi.Model;

/// <summary>One EvaluationResults member of iam:SimulatePrincipalPolicy. Decision is allowed | explicitDeny | implicitDeny.</summary>
public sealed record PolicySimulationResult(
    string ActionName,
    string? ResourceName,
    string Decision,
    IReadOnlyList<string> MatchedPolicyIds);
