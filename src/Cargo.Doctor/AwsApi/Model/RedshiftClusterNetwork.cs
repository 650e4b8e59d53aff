namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// Where a provisioned cluster sits: VpcId, ClusterSubnetGroupName, ClusterNodes[].PrivateIPAddress/PublicIPAddress
/// and ElasticIpStatus.ElasticIp (https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html,
/// https://docs.aws.amazon.com/redshift/latest/APIReference/API_ClusterNode.html).
/// </summary>
public sealed record RedshiftClusterNetwork(string? VpcId, string? SubnetGroupName, IReadOnlyList<RedshiftNode> Nodes, string? ElasticIp);

public sealed record RedshiftNode(string? Role, string? PrivateIp, string? PublicIp);
