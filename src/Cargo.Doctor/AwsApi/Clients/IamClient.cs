using System.Globalization;
using System.Xml.Linq;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>Read-only IAM calls (Query protocol, 2010-05-08, global endpoint signed for us-east-1).</summary>
public sealed class IamClient
{
    private readonly AwsQueryTransport query;

    internal IamClient(SignedAwsHttpClient http) => query = new AwsQueryTransport(http, AwsService.Iam, "2010-05-08");

    public async Task<IamRoleInfo> GetRoleAsync(string roleName, CancellationToken cancellationToken = default)
    {
        var result = await query.CallAsync("GetRole", [Param("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        return query.Read("GetRole", result, r =>
        {
            var role = r.Child("Role") ?? throw new FormatException("<GetRoleResult> has no <Role>.");
            return new IamRoleInfo(
                role.RequiredValue("RoleName"),
                role.RequiredValue("Arn"),
                DecodePolicy(role.ChildValue("AssumeRolePolicyDocument")),
                role.Child("PermissionsBoundary")?.ChildValue("PermissionsBoundaryArn"));
        });
    }

    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(
        string roleName, CancellationToken cancellationToken = default) =>
        query.CallPagedAsync(
            "ListAttachedRolePolicies",
            [Param("RoleName", roleName)],
            page => page.ListItems("AttachedPolicies")
                .Select(m => new AttachedPolicy(m.RequiredValue("PolicyName"), m.RequiredValue("PolicyArn"))),
            cancellationToken);

    public async Task<ManagedPolicy> GetPolicyAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        var result = await query.CallAsync("GetPolicy", [Param("PolicyArn", policyArn)], cancellationToken).ConfigureAwait(false);
        return query.Read("GetPolicy", result, r =>
        {
            var policy = r.Child("Policy") ?? throw new FormatException("<GetPolicyResult> has no <Policy>.");
            return new ManagedPolicy(policy.ChildValue("DefaultVersionId"));
        });
    }

    public async Task<ManagedPolicyVersion> GetPolicyVersionAsync(
        string policyArn, string versionId, CancellationToken cancellationToken = default)
    {
        var result = await query.CallAsync(
            "GetPolicyVersion", [Param("PolicyArn", policyArn), Param("VersionId", versionId)], cancellationToken)
            .ConfigureAwait(false);
        return query.Read("GetPolicyVersion", result, r =>
        {
            var version = r.Child("PolicyVersion") ?? throw new FormatException("<GetPolicyVersionResult> has no <PolicyVersion>.");
            return new ManagedPolicyVersion(DecodePolicy(version.RequiredValue("Document"))!);
        });
    }

    public Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken cancellationToken = default) =>
        query.CallPagedAsync(
            "ListRolePolicies",
            [Param("RoleName", roleName)],
            page => page.ListItems("PolicyNames").Select(m => m.Value),
            cancellationToken);

    public async Task<InlineRolePolicy> GetRolePolicyAsync(
        string roleName, string policyName, CancellationToken cancellationToken = default)
    {
        var result = await query.CallAsync(
            "GetRolePolicy", [Param("RoleName", roleName), Param("PolicyName", policyName)], cancellationToken)
            .ConfigureAwait(false);
        return query.Read("GetRolePolicy", result, r => new InlineRolePolicy(DecodePolicy(r.RequiredValue("PolicyDocument"))!));
    }

    /// <summary>
    /// Simulates the principal's identity policies (inline, managed, boundary). Trust policies cannot be
    /// simulated this way; parse them from <see cref="GetRoleAsync"/> instead.
    /// </summary>
    public Task<IReadOnlyList<PolicySimulationResult>> SimulatePrincipalPolicyAsync(
        string policySourceArn,
        IReadOnlyList<string> actionNames,
        IReadOnlyList<string>? resourceArns = null,
        CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, string>> { Param("PolicySourceArn", policySourceArn) };
        parameters.AddRange(Members("ActionNames", actionNames));
        parameters.AddRange(Members("ResourceArns", resourceArns ?? []));
        return query.CallPagedAsync("SimulatePrincipalPolicy", parameters, ReadEvaluationResults, cancellationToken);
    }

    /// <summary>IAM returns policy documents URL-encoded (RFC 3986) inside the XML.</summary>
    private static string? DecodePolicy(string? encoded) =>
        encoded is null ? null : Uri.UnescapeDataString(encoded);

    private static IEnumerable<PolicySimulationResult> ReadEvaluationResults(XElement page) =>
        page.ListItems("EvaluationResults").Select(m => new PolicySimulationResult(
            m.RequiredValue("EvalActionName"),
            m.ChildValue("EvalResourceName"),
            m.RequiredValue("EvalDecision"),
            m.ListItems("MatchedStatements").Select(s => s.ChildValue("SourcePolicyId")).OfType<string>().ToList()));

    private static KeyValuePair<string, string> Param(string name, string value) => new(name, value);

    private static IEnumerable<KeyValuePair<string, string>> Members(string name, IReadOnlyList<string> values) =>
        values.Select((value, i) => Param($"{name}.member.{(i + 1).ToString(CultureInfo.InvariantCulture)}", value));
}
