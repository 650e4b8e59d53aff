namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// Evaluates a resource-based policy (a role's trust policy, a bucket policy, a key policy) for one IAM role as
/// the caller. A statement names the role when its Principal is <c>"*"</c>, the role's ARN, the role's account
/// root <c>arn:aws:iam::ACCOUNT:root</c> or the bare account id
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html). An account
/// principal delegates to that account's identity policies, so the verdict says which kind of principal allowed.
/// A NotPrincipal statement is not decided here: it makes the answer uncertain, never a pass.
/// </summary>
public static class ResourcePolicyEvaluator
{
    /// <param name="resourceArn">Null for a trust policy, whose statements have no Resource.</param>
    public static ResourcePolicyVerdict Evaluate(
        PolicyDocument policy, string callerRoleArn, string action, string? resourceArn, Func<string, RequestKeyValue> lookup)
    {
        var account = Arns.Account(callerRoleArn);
        var applied = policy.Statements
            .Where(s => s.CoversAction(action))
            .Select(s => (Statement: s, Principal: PrincipalOf(s, callerRoleArn, account), Outcome: Outcome(s, resourceArn, lookup)))
            .Where(s => s.Principal != ResourcePrincipalMatch.None && s.Outcome != ConditionOutcome.NotSatisfied)
            .ToList();

        var denies = applied.Where(s => s.Statement.Effect == PolicyEffect.Deny).ToList();
        if (denies.FirstOrDefault(d => d.Outcome == ConditionOutcome.Satisfied && d.Principal != ResourcePrincipalMatch.Uncertain) is { Statement: not null } deny)
        {
            return new ResourcePolicyVerdict(PolicyDecision.ExplicitDeny, ResourcePrincipalMatch.None, deny.Statement, $"statement {deny.Statement.Label} denies {action}", []);
        }

        var possibleDenies = denies.Select(d => d.Statement).ToList();
        var allows = applied.Where(s => s.Statement.Effect == PolicyEffect.Allow && s.Principal != ResourcePrincipalMatch.Uncertain).ToList();
        var firm = allows.Where(a => a.Outcome == ConditionOutcome.Satisfied).OrderBy(a => a.Principal).FirstOrDefault();
        if (firm.Statement is not null)
        {
            return new ResourcePolicyVerdict(PolicyDecision.Allowed, firm.Principal, firm.Statement,
                $"statement {firm.Statement.Label} allows {action}" + Maybe(possibleDenies), possibleDenies);
        }

        var conditional = allows.Concat(applied.Where(s => s.Statement.Effect == PolicyEffect.Allow && s.Principal == ResourcePrincipalMatch.Uncertain))
            .OrderBy(a => a.Principal).FirstOrDefault();
        if (conditional.Statement is not null)
        {
            var keys = string.Join(", ", conditional.Statement.ConditionKeys);
            var why = conditional.Principal == ResourcePrincipalMatch.Uncertain ? "its NotPrincipal cannot be decided here" : $"its condition ({keys}) cannot be decided here";
            return new ResourcePolicyVerdict(PolicyDecision.AllowedWithConditions, conditional.Principal, conditional.Statement,
                $"statement {conditional.Statement.Label} allows {action} only if it applies: {why}", possibleDenies);
        }

        return new ResourcePolicyVerdict(PolicyDecision.ImplicitDeny, ResourcePrincipalMatch.None, null, $"no statement allows {action} to {callerRoleArn}", possibleDenies);
    }

    private static string Maybe(List<PolicyStatement> possibleDenies) =>
        possibleDenies.Count == 0 ? "" : $", but statement {possibleDenies[0].Label} may deny it (condition {string.Join(", ", possibleDenies[0].ConditionKeys)})";

    private static ConditionOutcome Outcome(PolicyStatement statement, string? resourceArn, Func<string, RequestKeyValue> lookup)
    {
        var resource = resourceArn is null || (statement.Resource is null && statement.NotResource is null)
            ? ConditionOutcome.Satisfied
            : statement.ResourceOutcome(resourceArn, lookup);
        var conditions = ConditionBlock.Outcome(statement, lookup);
        return resource == ConditionOutcome.NotSatisfied || conditions == ConditionOutcome.NotSatisfied ? ConditionOutcome.NotSatisfied
            : resource == ConditionOutcome.Unknown || conditions == ConditionOutcome.Unknown ? ConditionOutcome.Unknown
            : ConditionOutcome.Satisfied;
    }

    private static ResourcePrincipalMatch PrincipalOf(PolicyStatement statement, string roleArn, string? account)
    {
        if (statement.NotPrincipal is not null)
        {
            return ResourcePrincipalMatch.Uncertain;
        }

        if (statement.Principal is not { } principal)
        {
            return ResourcePrincipalMatch.None;
        }

        if (principal.MatchesEveryone)
        {
            return ResourcePrincipalMatch.Everyone;
        }

        var names = principal.Get("AWS");
        if (names.Any(n => string.Equals(n, roleArn, StringComparison.Ordinal)))
        {
            return ResourcePrincipalMatch.Role;
        }

        return account is not null && names.Any(n => n == account || n == $"arn:{Partition(roleArn)}:iam::{account}:root")
            ? ResourcePrincipalMatch.Account
            : ResourcePrincipalMatch.None;
    }

    private static string Partition(string arn) => arn.Split(':') is { Length: > 1 } parts ? parts[1] : "aws";
}

/// <summary>How a resource policy's statement names the caller; ordered from the most specific.</summary>
public enum ResourcePrincipalMatch
{
    Role,
    Account,
    Everyone,

    /// <summary>A NotPrincipal statement: whether it names the caller is not decided offline.</summary>
    Uncertain,
    None,
}

/// <param name="Principal">How the deciding statement names the caller.</param>
/// <param name="Statement">The deciding statement; null for an implicit deny.</param>
public sealed record ResourcePolicyVerdict(
    PolicyDecision Decision, ResourcePrincipalMatch Principal, PolicyStatement? Statement, string Reason, IReadOnlyList<PolicyStatement> PossibleDenies);
