namespace Cargo.Doctor.AwsApi.Model;

public sealed record RedshiftCluster(
    string ClusterIdentifier,
    string? Status,
    RedshiftEndpoint? Endpoint,
    bool PubliclyAccessible,
    IReadOnlyList<string> VpcSecurityGroupIds,
    IReadOnlyList<RedshiftIamRole> IamRoles,
    string? ClusterNamespaceArn,
    bool? EnhancedVpcRouting = null,
    RedshiftClusterNetwork? Network = null);
