using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// IAM policy simulator (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html).
/// The fake evaluates no policy: the scenario says what the simulator answers for each role, action
/// and resource (<see cref="SimulatorSays"/>), so a test states the decision AWS would give instead of
/// deriving it from the doctor's own policy evaluation. A pair the scenario did not set is
/// <c>implicitDeny</c> ("by default, all requests are implicitly denied":
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). Until a
/// scenario sets a decision, the caller may not simulate (AccessDenied), as before.
/// </summary>
public sealed partial class FakeAwsAccount
{
    /// <summary>EvalDecision values: botocore iam 2010-05-08 PolicyEvaluationDecisionType.</summary>
    public static readonly string[] SimulatorDecisionValues = ["allowed", "explicitDeny", "implicitDeny"];

    /// <summary>Decision per (role ARN, action, resource ARN) the simulator answers.</summary>
    public Dictionary<(string PolicySourceArn, string Action, string Resource), string> SimulatorDecisions { get; } = [];

    /// <summary>The simulator answers <paramref name="decision"/> for role <paramref name="roleName"/> of this account.</summary>
    public FakeAwsAccount SimulatorSays(string roleName, string action, string resource, string decision)
    {
        if (!SimulatorDecisionValues.Contains(decision, StringComparer.Ordinal))
        {
            throw new ArgumentException($"EvalDecision is one of {string.Join(", ", SimulatorDecisionValues)}, not '{decision}'.", nameof(decision));
        }

        lock (gate)
        {
            SimulatorDecisions[(RoleArn(roleName), action, resource)] = decision;
        }

        return this;
    }

    /// <summary>SimulatePrincipalPolicy once a scenario set a decision; null for anything else.</summary>
    private FakeAwsResponse? Simulate(string operation, IReadOnlyDictionary<string, string> form)
    {
        if (operation != "SimulatePrincipalPolicy" || SimulatorDecisions.Count == 0)
        {
            return null;
        }

        // Request members (botocore SimulatePrincipalPolicyRequest): PolicySourceArn, ActionNames, ResourceArns ("*" when omitted).
        var source = form.GetValueOrDefault("PolicySourceArn", "");
        var actions = List(form, "ActionNames");
        var resources = List(form, "ResourceArns");
        if (actions.Count == 0)
        {
            return QueryError(400, "InvalidInput", "ActionNames must not be empty.");
        }

        if (!Roles.Values.Any(r => r.Arn == source))
        {
            // SimulatePrincipalPolicy errors: NoSuchEntity (404), InvalidInput (400), PolicyEvaluation (500).
            return QueryError(404, "NoSuchEntity", $"The role with name {source[(source.LastIndexOf('/') + 1)..]} cannot be found.");
        }

        var results = actions
            .SelectMany(action => (resources.Count == 0 ? ["*"] : resources).Select(resource =>
                (action, resource, SimulatorDecisions.GetValueOrDefault((source, action, resource), "implicitDeny"))))
            .ToArray();
        return SimulatePrincipalPolicy(null, results);
    }
}
