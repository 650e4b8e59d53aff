using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// The AWS reads the doctor needs, answered by the live APIs (<see cref="AwsApiSource"/>) or by a folder
/// of AWS CLI output (<see cref="AwsEvidenceSource"/>). <see cref="AwsFactsReader"/> drives both the
/// same way, so both produce the same facts. Failures are <see cref="Cargo.Doctor.AwsApi.Clients.AwsCallException"/>
/// or <see cref="AwsEvidenceMissingException"/>.
/// </summary>
internal interface IAwsSetupSource : IAwsNetworkSource
{
    /// <summary><c>api</c> or <c>evidence</c>.</summary>
    string Name { get; }

    /// <summary>The account of the credentials in use (sts:GetCallerIdentity).</summary>
    Task<string> GetCallerAccountAsync(CancellationToken ct);

    Task<RedshiftCluster> DescribeClusterAsync(string? clusterIdentifier, CancellationToken ct);

    Task<ServerlessWorkgroup> GetWorkgroupAsync(string? workgroupName, CancellationToken ct);

    Task<ServerlessNamespace> GetNamespaceAsync(string namespaceName, CancellationToken ct);

    Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyList<string> groupIds, CancellationToken ct);

    Task<IamRoleInfo> GetRoleAsync(string roleName, CancellationToken ct);

    Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct);

    /// <summary>The default version's document of a managed policy, as JSON text.</summary>
    Task<string> GetManagedPolicyDocumentAsync(string policyArn, CancellationToken ct);

    Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken ct);

    Task<string> GetRolePolicyDocumentAsync(string roleName, string policyName, CancellationToken ct);

    /// <summary>iam:SimulatePrincipalPolicy for sts:AssumeRole on Cargo's role.</summary>
    Task<PolicySimulationResult> SimulateAssumeRoleAsync(string roleArn, string cargoRoleArn, CancellationToken ct);
}
