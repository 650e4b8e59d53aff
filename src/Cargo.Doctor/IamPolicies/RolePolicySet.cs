using Cargo.Doctor.Facts;

namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// The customer role's identity policies and boundary as parsed documents, plus what could not be read
/// or parsed (those make an "allowed" answer uncertain, never a pass by accident).
/// </summary>
public sealed record RolePolicySet(IReadOnlyList<NamedPolicy> Identity, NamedPolicy? Boundary, IReadOnlyList<string> Problems)
{
    public static RolePolicySet From(CustomerRoleFacts role)
    {
        var identity = new List<NamedPolicy>();
        var problems = new List<string>();
        if (role.PoliciesGap is not null)
        {
            problems.Add($"the role's policies could not be listed: {role.PoliciesGap}");
        }

        foreach (var policy in role.Policies ?? [])
        {
            if (Parse(policy, problems) is { } document)
            {
                identity.Add(policy.Kind == "inline" ? NamedPolicy.Inline(policy.Name, document) : NamedPolicy.Managed(policy.Name, document));
            }
        }

        NamedPolicy? boundary = null;
        if (role.PermissionsBoundary is { } b && Parse(b, problems) is { } boundaryDocument)
        {
            boundary = NamedPolicy.Boundary(b.Name, boundaryDocument);
        }

        return new RolePolicySet(identity, boundary, problems);
    }

    public IdentityPolicyVerdict EvaluateAssumeRole(string cargoRoleArn, string? customerRoleArn = null) =>
        IdentityPolicyEvaluator.EvaluateAssumeRole(Identity, Boundary, cargoRoleArn, customerRoleArn);

    private static PolicyDocument? Parse(RolePolicyFacts policy, List<string> problems)
    {
        var what = NamedPolicy.Describe(policy.Name, policy.Kind switch
        {
            "inline" => PolicySource.Inline,
            "boundary" => PolicySource.PermissionsBoundary,
            _ => PolicySource.Managed,
        });
        if (policy.Document is null)
        {
            problems.Add($"{what} could not be read: {policy.Gap}");
            return null;
        }

        try
        {
            return PolicyDocument.Parse(policy.Document);
        }
        catch (PolicyParseException e)
        {
            problems.Add($"{what} is not a valid policy: {e.Message}");
            return null;
        }
    }
}
