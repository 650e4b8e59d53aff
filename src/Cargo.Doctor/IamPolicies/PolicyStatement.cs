namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// One statement. For each Action/Resource/Principal pair exactly one side is set (or neither when absent,
/// e.g. Resource in a trust policy). <see cref="Json"/> is the statement as written, for quoting in findings.
/// </summary>
/// <param name="Position">1-based position in the document's Statement list.</param>
public sealed record PolicyStatement(
    int Position,
    string? Sid,
    PolicyEffect Effect,
    PolicyPrincipal? Principal,
    PolicyPrincipal? NotPrincipal,
    IReadOnlyList<string>? Action,
    IReadOnlyList<string>? NotAction,
    IReadOnlyList<string>? Resource,
    IReadOnlyList<string>? NotResource,
    IReadOnlyList<PolicyCondition> Conditions,
    string Json)
{
    public bool HasConditions => Conditions.Count > 0;

    /// <summary><c>"Sid"</c> when the statement has one, otherwise its position.</summary>
    public string Label => string.IsNullOrEmpty(Sid) ? Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"{Sid}\"";

    public bool CoversAction(string action)
    {
        if (Action is not null)
        {
            return Action.Any(pattern => IamWildcard.MatchesAction(pattern, action));
        }

        return NotAction is not null && !NotAction.Any(pattern => IamWildcard.MatchesAction(pattern, action));
    }

    /// <summary>
    /// Whether the statement covers the resource: Satisfied, NotSatisfied, or Unknown when the answer hangs on a
    /// policy variable in Resource/NotResource that the request values do not tell
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html: variables may be used in
    /// the Resource element; compared as literal text they would never match and silently drop a Deny).
    /// </summary>
    public ConditionOutcome ResourceOutcome(string arn, Func<string, RequestKeyValue> lookup)
    {
        if (Resource is not null)
        {
            var matches = Resource.Select(pattern => Matches(pattern, arn, lookup)).ToList();
            return matches.Contains(ConditionOutcome.Satisfied) ? ConditionOutcome.Satisfied
                : matches.Contains(ConditionOutcome.Unknown) ? ConditionOutcome.Unknown
                : ConditionOutcome.NotSatisfied;
        }

        if (NotResource is null)
        {
            return ConditionOutcome.NotSatisfied;
        }

        var excluded = NotResource.Select(pattern => Matches(pattern, arn, lookup)).ToList();
        return excluded.Contains(ConditionOutcome.Satisfied) ? ConditionOutcome.NotSatisfied
            : excluded.Contains(ConditionOutcome.Unknown) ? ConditionOutcome.Unknown
            : ConditionOutcome.Satisfied;
    }

    /// <summary>True when a Resource/NotResource pattern holds a policy variable.</summary>
    public bool HasResourceVariable =>
        (Resource ?? NotResource ?? []).Any(pattern => pattern.Contains("${", StringComparison.Ordinal));

    private static ConditionOutcome Matches(string pattern, string arn, Func<string, RequestKeyValue> lookup) =>
        PolicyVariables.ResolveText(pattern, lookup) is { } resolved
            ? IamWildcard.MatchesArn(resolved, arn) ? ConditionOutcome.Satisfied : ConditionOutcome.NotSatisfied
            : ConditionOutcome.Unknown;

    public IReadOnlyList<string> ConditionKeys =>
        Conditions.Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
