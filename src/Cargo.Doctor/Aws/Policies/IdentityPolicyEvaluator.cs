namespace Cargo.Doctor.Aws.Policies;

/// <summary>
/// Offline evaluation of a role's identity policies for one action on one resource, following IAM's logic
/// for a single account: an explicit Deny anywhere wins; otherwise an identity policy must Allow and, when
/// present, the permissions boundary must Allow too. SCPs, session policies and the target's resource policy
/// are out of scope. Conditions are never guessed: they make the answer conditional.
/// </summary>
public static class IdentityPolicyEvaluator
{
    public const string AssumeRoleAction = "sts:AssumeRole";

    public static IdentityPolicyVerdict EvaluateAssumeRole(
        IReadOnlyList<NamedPolicy> identityPolicies, NamedPolicy? permissionsBoundary, string cargoRoleArn) =>
        Evaluate(identityPolicies, permissionsBoundary, AssumeRoleAction, cargoRoleArn);

    public static IdentityPolicyVerdict Evaluate(
        IReadOnlyList<NamedPolicy> identityPolicies, NamedPolicy? permissionsBoundary, string action, string resourceArn)
    {
        var identity = Applicable(identityPolicies, action, resourceArn);
        var boundary = permissionsBoundary is null ? null : Applicable([permissionsBoundary], action, resourceArn);
        var everything = boundary is null ? identity : identity.Concat(boundary).ToList();

        var denies = everything.Where(s => s.Statement.Effect == PolicyEffect.Deny).ToList();
        var explicitDenies = denies.Where(s => !s.Statement.HasConditions).ToList();
        if (explicitDenies.Count > 0)
        {
            return new IdentityPolicyVerdict(PolicyDecision.ExplicitDeny, explicitDenies,
                $"Denied explicitly by {explicitDenies[0]}", [], []);
        }

        var possibleDenies = denies;
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

        var firmIdentity = identityAllows.FirstOrDefault(s => !s.Statement.HasConditions);
        var firmBoundary = boundaryAllows?.FirstOrDefault(s => !s.Statement.HasConditions);
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
        conditional.AddRange(firmIdentity is null ? identityAllows : [firmIdentity]);
        if (boundaryAllows is not null)
        {
            conditional.AddRange(firmBoundary is null ? boundaryAllows : [firmBoundary]);
        }

        var keys = ConditionKeys(conditional.Concat(possibleDenies));
        var onlyIf = conditional.Where(s => s.Statement.HasConditions).ToList();
        return new IdentityPolicyVerdict(PolicyDecision.AllowedWithConditions, conditional,
            $"Allowed only if the conditions of {string.Join(" and ", onlyIf)} hold ({string.Join(", ", ConditionKeys(onlyIf))})",
            keys, possibleDenies);
    }

    private static List<StatementReference> Applicable(IEnumerable<NamedPolicy> policies, string action, string resourceArn) =>
        policies
            .SelectMany(policy => policy.Document.Statements.Select(statement => StatementReference.Of(policy, statement)))
            .Where(s => s.Statement.CoversAction(action) && s.Statement.CoversResource(resourceArn))
            .ToList();

    private static List<StatementReference> Allows(IEnumerable<StatementReference> statements) =>
        statements.Where(s => s.Statement.Effect == PolicyEffect.Allow).ToList();

    private static List<string> ConditionKeys(IEnumerable<StatementReference> statements) =>
        statements.SelectMany(s => s.Statement.ConditionKeys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
