namespace Cargo.Doctor.AwsApi.Model;

/// <param name="NetworkInterfaces">endpoint.vpcEndpoints[].networkInterfaces[]: where the workgroup is reached in the VPC; null when AWS sent no endpoint.</param>
/// <param name="VpcId">endpoint.vpcEndpoints[].vpcId, the first named.</param>
public sealed record ServerlessWorkgroup(
    string WorkgroupName,
    string? WorkgroupId,
    string? NamespaceName,
    string? Status,
    bool PubliclyAccessible,
    IReadOnlyList<string> SecurityGroupIds,
    int? Port,
    RedshiftEndpoint? Endpoint,
    bool? EnhancedVpcRouting = null,
    IReadOnlyList<string>? SubnetIds = null,
    IReadOnlyList<ServerlessNetworkInterface>? NetworkInterfaces = null,
    string? VpcId = null);
