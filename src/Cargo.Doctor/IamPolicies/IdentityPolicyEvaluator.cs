namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// Offline evaluation of a role's identity policies for one action on one resource, following IAM's policy
/// evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
/// an explicit Deny anywhere wins; otherwise an identity policy must Allow and, when present, the permissions
/// boundary must Allow too. SCPs, session policies and the target's resource policy are out of scope.
/// Conditions are evaluated only against request values the caller knows (see <see cref="CargoAssumeRoleRequest"/>);
/// a condition that cannot be decided makes an Allow conditional and a Deny a possible deny, never a guess.
/// </summary>
public static class IdentityPolicyEvaluator
{
    public const string AssumeRoleAction = "sts:AssumeRole";

    /// <param name="customerRoleArn">The role whose policies these are; with it, conditions on the caller's account can be decided.</param>
    public static IdentityPolicyVerdict EvaluateAssumeRole(
        IReadOnlyList<NamedPolicy> identityPolicies, NamedPolicy? permissionsBoundary, string cargoRoleArn, string? customerRoleArn = null) =>
        Evaluate(identityPolicies, permissionsBoundary, AssumeRoleAction, cargoRoleArn, new CargoAssumeRoleRequest(cargoRoleArn, customerRoleArn).Lookup);

    public static IdentityPolicyVerdict Evaluate(
        IReadOnlyList<NamedPolicy> identityPolicies, NamedPolicy? permissionsBoundary, string action, string resourceArn,
        Func<string, RequestKeyValue>? requestContext = null)
    {
        var lookup = requestContext ?? (_ => RequestKeyValue.Unknown);
        var identity = Applicable(identityPolicies, action, resourceArn, lookup);
        var boundary = permissionsBoundary is null ? null : Applicable([permissionsBoundary], action, resourceArn, lookup);
        var everything = boundary is null ? identity : identity.Concat(boundary).ToList();

        var denies = everything.Where(s => s.Statement.Statement.Effect == PolicyEffect.Deny).ToList();
        var explicitDenies = denies.Where(s => s.Outcome == ConditionOutcome.Satisfied).Select(s => s.Statement).ToList();
        if (explicitDenies.Count > 0)
        {
            var first = denies.First(s => s.Outcome == ConditionOutcome.Satisfied);
            return new IdentityPolicyVerdict(PolicyDecision.ExplicitDeny, explicitDenies,
                $"Denied explicitly by {first.Statement}{WhyItHolds(first.Statement.Statement, lookup)}", [], []);
        }

        var possibleDenies = denies.Where(s => s.Outcome == ConditionOutcome.Unknown).Select(s => s.Statement).ToList();
        var identityAllows = Allows(identity);
        if (identityAllows.Count == 0)
        {
            return new IdentityPolicyVerdict(PolicyDecision.ImplicitDeny, [],
                $"No statement allows {action} on {resourceArn}", [], possibleDenies);
        }

        var boundaryAllows = boundary is null ? null : Allows(boundary);
        if (boundaryAllows is { Count: 0 })
        {
            return new IdentityPolicyVerdict(PolicyDecision.ImplicitDeny, [],
                $"The {permissionsBoundary!.Description} does not allow {action} on {resourceArn}", [], possibleDenies);
        }

        var firmIdentity = identityAllows.FirstOrDefault(s => s.Outcome == ConditionOutcome.Satisfied)?.Statement;
        var firmBoundary = boundaryAllows?.FirstOrDefault(s => s.Outcome == ConditionOutcome.Satisfied)?.Statement;
        var denyKeys = ConditionKeys(possibleDenies);
        if (firmIdentity is not null && (boundaryAllows is null || firmBoundary is not null))
        {
            List<StatementReference> deciding = firmBoundary is null ? [firmIdentity] : [firmIdentity, firmBoundary];
            var reason = $"Allowed by {firmIdentity}";
            if (possibleDenies.Count > 0)
            {
                reason += $", but {possibleDenies[0]} may deny it (condition {string.Join(", ", denyKeys)})";
            }

            return new IdentityPolicyVerdict(PolicyDecision.Allowed, deciding, reason, denyKeys, possibleDenies);
        }

        // Some required layer only allows under a condition we cannot evaluate offline.
        var conditional = new List<StatementReference>();
        conditional.AddRange(firmIdentity is null ? identityAllows.Select(s => s.Statement) : [firmIdentity]);
        if (boundaryAllows is not null)
        {
            conditional.AddRange(firmBoundary is null ? boundaryAllows.Select(s => s.Statement) : [firmBoundary]);
        }

        var keys = ConditionKeys(conditional.Concat(possibleDenies));
        var onlyIf = conditional.Where(s => s.Statement.HasConditions).ToList();
        var byVariable = conditional.Where(s => s.Statement.HasResourceVariable && !s.Statement.HasConditions).ToList();
        var why = new List<string>();
        if (onlyIf.Count > 0)
        {
            why.Add($"the conditions of {string.Join(" and ", onlyIf)} hold ({string.Join(", ", ConditionKeys(onlyIf))})");
        }

        if (byVariable.Count > 0)
        {
            why.Add($"the policy variable in the Resource of {string.Join(" and ", byVariable)} names this role");
        }

        return new IdentityPolicyVerdict(PolicyDecision.AllowedWithConditions, conditional,
            $"Allowed only if {string.Join(", and ", why)}", keys, possibleDenies);
    }

    /// <summary>A statement that covers the action and resource, with what its Condition block evaluates to.</summary>
    private sealed record Applied(StatementReference Statement, ConditionOutcome Outcome);

    private static List<Applied> Applicable(
        IEnumerable<NamedPolicy> policies, string action, string resourceArn, Func<string, RequestKeyValue> lookup) =>
        policies
            .SelectMany(policy => policy.Document.Statements.Select(statement => StatementReference.Of(policy, statement)))
            .Where(s => s.Statement.CoversAction(action))
            .Select(s => new Applied(s, Both(s.Statement.ResourceOutcome(resourceArn, lookup), ConditionBlock.Outcome(s.Statement, lookup))))
            .Where(s => s.Outcome != ConditionOutcome.NotSatisfied)
            .ToList();

    /// <summary>A statement applies when it covers the resource and its conditions hold; either may be unknown.</summary>
    private static ConditionOutcome Both(ConditionOutcome resource, ConditionOutcome conditions) =>
        resource == ConditionOutcome.NotSatisfied || conditions == ConditionOutcome.NotSatisfied ? ConditionOutcome.NotSatisfied
        : resource == ConditionOutcome.Unknown || conditions == ConditionOutcome.Unknown ? ConditionOutcome.Unknown
        : ConditionOutcome.Satisfied;

    private static List<Applied> Allows(IEnumerable<Applied> statements) =>
        statements.Where(s => s.Statement.Statement.Effect == PolicyEffect.Allow).ToList();

    /// <summary>For a Deny decided by its conditions: the request values that make them hold.</summary>
    private static string WhyItHolds(PolicyStatement deny, Func<string, RequestKeyValue> lookup)
    {
        if (!deny.HasConditions)
        {
            return "";
        }

        var facts = deny.Conditions
            .Select(c => (Condition: c, Value: lookup(c.Key)))
            .Select(x => x.Value.Kind == RequestKeyKind.Present
                ? $"{x.Condition.Key} is {x.Value.Value}, so {x.Condition.Operator} {string.Join(", ", x.Condition.Values)} holds"
                : $"{x.Condition.Operator} {x.Condition.Key} holds without the key");
        return $": its condition holds ({string.Join("; ", facts)})";
    }

    private static List<string> ConditionKeys(IEnumerable<StatementReference> statements) =>
        statements.SelectMany(s => s.Statement.ConditionKeys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
