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

    public bool CoversResource(string arn)
    {
        if (Resource is not null)
        {
            return Resource.Any(pattern => IamWildcard.MatchesArn(pattern, arn));
        }

        return NotResource is not null && !NotResource.Any(pattern => IamWildcard.MatchesArn(pattern, arn));
    }

    public IReadOnlyList<string> ConditionKeys =>
        Conditions.Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
