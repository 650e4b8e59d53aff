using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;

namespace Cargo.Doctor.Rules.Iam;

/// <summary>
/// iam.assume-cargo-role: the customer role's managed and inline policies (within its permissions
/// boundary) allow sts:AssumeRole on Cargo's role. Evaluated offline; when the IAM policy simulator
/// answered about this action and role too, both verdicts are shown. An explicit Deny read in the policies
/// fails whatever the simulator says; a Deny that may apply warns; the simulator's implicitDeny across
/// accounts warns (it cannot see Cargo's account); otherwise the simulator (which also sees SCPs) decides.
/// </summary>
public sealed class AssumeCargoRoleRule : IRule
{
    public const string PolicyName = InlinePolicyStep.DefaultName;

    public const string Id = "iam.assume-cargo-role";


    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!AwsRequirement.TryGet(context, out var aws, out var skipped))
        {
            return skipped;
        }

        if (aws.CargoRoleArn is not { } cargoRole)
        {
            return context.Skipped("Cargo's role ARN not given: pass --cargo-role-arn (shown in your Cargo workspace settings)");
        }

        if (!CustomerRoleRequirement.TryGet(context, aws, out var role, out var notExamined))
        {
            return notExamined;
        }

        var details = CustomerRoleRequirement.Details(aws);
        var permission = RemediationPolicies.CargoPermissionPolicy(cargoRole);
        var inlineNames = role.Policies?.Where(p => p.Kind == "inline").Select(p => p.Name) ?? [];
        var addPermission = context.Remedy("add-permission", InlinePolicyStep.Values(role.Name, InlinePolicyStep.FreeName(inlineNames), permission));
        if (!role.Exists)
        {
            return context.Fail($"role {role.Arn} does not exist (see iam.trust-policy)", details);
        }

        var policies = RolePolicySet.From(role);
        var verdict = policies.EvaluateAssumeRole(cargoRole, role.Arn);
        details.Add($"policies read: {Names(policies)}");
        details.Add($"offline evaluation: {Decision(verdict.Decision)}: {verdict.Reason}");
        details.AddRange(policies.Problems.Select(p => $"not evaluated: {p}"));
        var simulator = SimulatorAnswer.From(aws.Simulation, aws.SimulationGap, cargoRole);
        details.Add(simulator.Detail);

        // An explicit Deny in the role's own policies wins over any Allow, whatever the simulator (which was not
        // given the request context) answered (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
        if (verdict.Decision == PolicyDecision.ExplicitDeny)
        {
            var deny = verdict.DecidingStatements[0];
            return context.Fail($"role {role.Name} may not assume {cargoRole}: {verdict.Reason}", details,
                context.Remedy("remove-deny", ("policy", NamedPolicy.Describe(deny.PolicyName, deny.Source)), ("statement", deny.Statement.Label), ("cargo_role", cargoRole)),
                addPermission);
        }

        var offlineAllows = verdict.Decision == PolicyDecision.Allowed;
        if (offlineAllows && verdict.MayBeDenied && !simulator.ExplicitlyDenies)
        {
            var possible = verdict.PossibleDenies[0];
            details.Add($"a Deny whose condition the doctor cannot decide ({string.Join(", ", verdict.ConditionKeys)}) may take the permission away at run time");
            return context.Warn($"role {role.Name} may assume {cargoRole} unless {possible} denies it (condition {string.Join(", ", verdict.ConditionKeys)})", details,
                context.Remedy("review-deny", ("policy", NamedPolicy.Describe(possible.PolicyName, possible.Source)), ("statement", possible.Statement.Label), ("cargo_role", cargoRole)));
        }

        if (simulator.Decision is null && offlineAllows && policies.Problems.Count > 0)
        {
            // An explicit Deny in any policy wins (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
            // a policy or boundary that could not be read may hold one, so the readable Allow is no proof.
            return context.Unknown($"the readable policies of role {role.Name} allow sts:AssumeRole on {cargoRole}, but some could not be read and may deny it", details);
        }

        if (offlineAllows && (simulator.Allows || simulator.Decision is null))
        {
            return context.Pass($"role {role.Name} may assume {cargoRole}", details);
        }

        if (simulator.Allows && verdict.Decision != PolicyDecision.AllowedWithConditions)
        {
            // The simulator is never the only ground for a pass: it "doesn't evaluate SCPs that have global
            // conditions" and does not simulate cross-account access
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_testing-policies.html).
            details.Add("the IAM policy simulator says allowed, but the documents cargo-doctor read do not confirm it; the simulator alone proves nothing");
            return context.Unknown(
                $"the IAM policy simulator allows role {role.Name} to assume {cargoRole}, but its policies as read do not ({Decision(verdict.Decision)}: {verdict.Reason})",
                details);
        }

        if (simulator.ImplicitlyDenies && offlineAllows && policies.Problems.Count == 0 && IsCrossAccount(role.Arn, cargoRole))
        {
            // SimulatePrincipalPolicy evaluates the caller's account only; a cross-account call is allowed "only if both"
            // accounts allow it, and the simulator cannot read Cargo's role or its trust policy
            // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html,
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_testing-policies.html). Its implicitDeny alone is no proof.
            details.Add($"the simulator cannot see {cargoRole} in account {Arns.Account(cargoRole)} (its trust policy); " +
                        "an implicitDeny can come from that, or from a service control policy (SCP) in your organization");
            return context.Warn($"role {role.Name}'s policies allow assuming {cargoRole}, but the IAM policy simulator says implicitDeny", details);
        }

        if (simulator.Decision is not null && offlineAllows)
        {
            details.Add("the policies allow it, but the simulator denies it: look for a service control policy (SCP) or the permissions boundary");
            return context.Fail($"role {role.Name} may not assume {cargoRole} (denied by the IAM policy simulator)", details, addPermission);
        }

        switch (verdict.Decision)
        {
            case PolicyDecision.AllowedWithConditions:
                return context.Warn($"role {role.Name} may assume {cargoRole} only under conditions: {verdict.Reason}", details, addPermission);
            default:
                if (policies.Problems.Count > 0 && simulator.Decision is null)
                {
                    return context.Unknown($"no readable policy of role {role.Name} allows sts:AssumeRole on {cargoRole}, and some could not be read", details);
                }

                return context.Fail($"role {role.Name} may not assume {cargoRole}: {verdict.Reason}", details, addPermission);
        }
    }

    private static bool IsCrossAccount(string customerRoleArn, string cargoRoleArn) =>
        Arns.Account(customerRoleArn) is { } mine && Arns.Account(cargoRoleArn) is { } cargo && mine != cargo;

    private static string Names(RolePolicySet policies)
    {
        var names = policies.Identity.Select(p => p.Description).ToList();
        if (policies.Boundary is { } boundary)
        {
            names.Add(boundary.Description);
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static string Decision(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Allowed => "allowed",
        PolicyDecision.AllowedWithConditions => "allowed with conditions",
        PolicyDecision.ExplicitDeny => "explicit deny",
        _ => "implicit deny",
    };
}
