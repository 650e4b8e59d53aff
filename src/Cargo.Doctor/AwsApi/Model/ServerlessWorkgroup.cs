namespace Cargo.Doctor.AwsApi.Model;

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
    IReadOnlyList<string>? SubnetIds = null);
