namespace Cargo.Doctor.AwsApi.Model;

/// <summary>A cluster subnet group: https://docs.aws.amazon.com/redshift/latest/APIReference/API_ClusterSubnetGroup.html.</summary>
public sealed record RedshiftSubnetGroup(string Name, string? VpcId, IReadOnlyList<string> SubnetIds);
