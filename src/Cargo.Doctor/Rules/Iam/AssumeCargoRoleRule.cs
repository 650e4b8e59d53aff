using Cargo.Doctor.Aws.Policies;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Shell;

namespace Cargo.Doctor.Rules.Iam;

/// <summary>
/// iam.assume-cargo-role: the customer role's managed and inline policies (within its permissions
/// boundary) allow sts:AssumeRole on Cargo's role. Evaluated offline; when the IAM policy simulator
/// answered too, both verdicts are shown and the simulator's (which also sees SCPs) decides.
/// </summary>
public sealed class AssumeCargoRoleRule : IRule
{
    public const string PolicyName = "cargo-assume-role";

    public string CheckId => "iam.assume-cargo-role";

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
        var addPermission = context.Remedy("add-permission",
            ("role", role.Name), ("role_sh", ShellQuote.Arg(role.Name)), ("policy_name_sh", ShellQuote.Arg(PolicyName)),
            ("policy", permission), ("policy_sh", ShellQuote.Arg(permission)));
        if (!role.Exists)
        {
            return context.Fail($"role {role.Arn} does not exist (see iam.trust-policy)", details);
        }

        var policies = RolePolicySet.From(role);
        var verdict = policies.EvaluateAssumeRole(cargoRole);
        details.Add($"policies read: {Names(policies)}");
        details.Add($"offline evaluation: {Decision(verdict.Decision)}: {verdict.Reason}");
        details.AddRange(policies.Problems.Select(p => $"not evaluated: {p}"));
        bool? simulatorAllows = aws.Simulation is { } simulation ? simulation.Decision == "allowed" : null;
        details.Add(aws.Simulation is { } s
            ? $"IAM policy simulator: {s.Decision}" + (s.MatchedPolicies.Count > 0 ? $" (matched {string.Join(", ", s.MatchedPolicies)})" : "")
            : $"IAM policy simulator: not run: {aws.SimulationGap?.ToString() ?? "no simulation"}");

        var offlineAllows = verdict.Decision == PolicyDecision.Allowed;
        if (simulatorAllows ?? offlineAllows)
        {
            if (simulatorAllows == true && !offlineAllows)
            {
                details.Add("the simulator allows what the offline evaluation could not confirm; the simulator decides");
            }

            return context.Pass($"role {role.Name} may assume {cargoRole}", details);
        }

        if (simulatorAllows == false && offlineAllows)
        {
            details.Add("the policies allow it, but the simulator denies it: look for a service control policy (SCP) or the permissions boundary");
            return context.Fail($"role {role.Name} may not assume {cargoRole} (denied by the IAM policy simulator)", details, addPermission);
        }

        switch (verdict.Decision)
        {
            case PolicyDecision.ExplicitDeny:
                var deny = verdict.DecidingStatements[0];
                return context.Fail($"role {role.Name} may not assume {cargoRole}: {verdict.Reason}", details,
                    context.Remedy("remove-deny", ("policy", NamedPolicy.Describe(deny.PolicyName, deny.Source)), ("statement", deny.Statement.Label), ("cargo_role", cargoRole)),
                    addPermission);
            case PolicyDecision.AllowedWithConditions:
                return context.Warn($"role {role.Name} may assume {cargoRole} only under conditions: {verdict.Reason}", details, addPermission);
            default:
                if (policies.Problems.Count > 0 && simulatorAllows is null)
                {
                    return context.Unknown($"no readable policy of role {role.Name} allows sts:AssumeRole on {cargoRole}, and some could not be read", details);
                }

                return context.Fail($"role {role.Name} may not assume {cargoRole}: {verdict.Reason}", details, addPermission);
        }
    }

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
