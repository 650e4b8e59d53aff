using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Rules.Iam;

/// <summary>
/// iam.assume-cargo-role: the IAM policy simulator's answer, used only when it is about sts:AssumeRole on
/// Cargo's role. SimulatePrincipalPolicy reports EvalActionName and EvalResourceName for each result
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html); an answer about another
/// action or resource (e.g. an --aws-evidence file made with another --resource-arns) proves nothing here.
/// </summary>
/// <param name="Decision">allowed, implicitDeny or explicitDeny; null when there is no usable answer.</param>
/// <param name="Detail">The line the finding shows about the simulator.</param>
public sealed record SimulatorAnswer(string? Decision, string Detail)
{
    public bool Allows => Decision == "allowed";

    public bool ImplicitlyDenies => Decision == "implicitDeny";

    public bool ExplicitlyDenies => Decision == "explicitDeny";

    public static SimulatorAnswer From(SimulationFacts? simulation, Gap? gap, string cargoRoleArn)
    {
        if (simulation is null)
        {
            return new(null, $"IAM policy simulator: not run: {gap?.ToString() ?? "no simulation"}");
        }

        var matched = simulation.MatchedPolicies.Count > 0 ? $" (matched {string.Join(", ", simulation.MatchedPolicies)})" : "";
        var action = simulation.ActionName;
        var resource = simulation.ResourceName;
        var sameAction = string.Equals(action, IdentityPolicyEvaluator.AssumeRoleAction, StringComparison.OrdinalIgnoreCase);
        var sameResource = string.Equals(resource, cargoRoleArn, StringComparison.Ordinal);
        if (!sameAction || !sameResource)
        {
            return new(null,
                $"IAM policy simulator: ignored: its answer ({simulation.Decision}) is for {action ?? "an unnamed action"} on {resource ?? "an unnamed resource"}, " +
                $"not {IdentityPolicyEvaluator.AssumeRoleAction} on {cargoRoleArn}");
        }

        return new(simulation.Decision, $"IAM policy simulator: {simulation.Decision}{matched}");
    }
}
