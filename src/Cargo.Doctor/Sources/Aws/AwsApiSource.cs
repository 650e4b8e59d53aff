using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>Answers <see cref="IAwsSetupSource"/> with the live AWS APIs (throttling is retried by the clients).</summary>
internal sealed partial class AwsApiSource(AwsClients clients) : IAwsSetupSource
{
    public string Name => "api";

    public Task<string> GetCallerAccountAsync(CancellationToken ct) => clients.Sts.GetCallerAccountAsync(ct);

    public async Task<RedshiftCluster> DescribeClusterAsync(string? clusterIdentifier, CancellationToken ct)
    {
        var clusters = await clients.Redshift.DescribeClustersAsync(clusterIdentifier, ct).ConfigureAwait(false);
        return clusters.FirstOrDefault(c => clusterIdentifier is null || c.ClusterIdentifier == clusterIdentifier)
            ?? throw new AwsCallException("redshift", "DescribeClusters", "redshift:DescribeClusters", null, "ClusterNotFound",
                $"Cluster {clusterIdentifier} not found.");
    }

    public Task<ServerlessWorkgroup> GetWorkgroupAsync(string? workgroupName, CancellationToken ct) =>
        clients.RedshiftServerless.GetWorkgroupAsync(workgroupName ?? throw new ArgumentNullException(nameof(workgroupName)), ct);

    public Task<ServerlessNamespace> GetNamespaceAsync(string namespaceName, CancellationToken ct) =>
        clients.RedshiftServerless.GetNamespaceAsync(namespaceName, ct);

    public Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyList<string> groupIds, CancellationToken ct) =>
        clients.Ec2.DescribeSecurityGroupsAsync(groupIds, ct);

    public Task<IamRoleInfo> GetRoleAsync(string roleName, CancellationToken ct) => clients.Iam.GetRoleAsync(roleName, ct);

    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct) =>
        clients.Iam.ListAttachedRolePoliciesAsync(roleName, ct);

    public async Task<string> GetManagedPolicyDocumentAsync(string policyArn, CancellationToken ct)
    {
        var policy = await clients.Iam.GetPolicyAsync(policyArn, ct).ConfigureAwait(false);
        var version = await clients.Iam.GetPolicyVersionAsync(policyArn, policy.DefaultVersionId ?? "v1", ct).ConfigureAwait(false);
        return version.Document;
    }

    public Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken ct) =>
        clients.Iam.ListRolePoliciesAsync(roleName, ct);

    public async Task<string> GetRolePolicyDocumentAsync(string roleName, string policyName, CancellationToken ct) =>
        (await clients.Iam.GetRolePolicyAsync(roleName, policyName, ct).ConfigureAwait(false)).PolicyDocument;

    public async Task<PolicySimulationResult> SimulateAssumeRoleAsync(string roleArn, string cargoRoleArn, CancellationToken ct)
    {
        var results = await clients.Iam.SimulatePrincipalPolicyAsync(roleArn, ["sts:AssumeRole"], [cargoRoleArn], ct).ConfigureAwait(false);
        return results.FirstOrDefault(r => r.ResourceName == cargoRoleArn && string.Equals(r.ActionName, "sts:AssumeRole", StringComparison.OrdinalIgnoreCase))
            ?? results.FirstOrDefault()
            ?? throw new AwsCallException("iam", "SimulatePrincipalPolicy", "iam:SimulatePrincipalPolicy", null,
                AwsCallException.MalformedResponseCode, "The simulator returned no evaluation result.");
    }
}
