namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// A VPC endpoint: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html (VpcEndpointType
/// Interface, Gateway or GatewayLoadBalancer; RouteTableIds for a gateway endpoint; PolicyDocument as JSON text;
/// DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint for an interface endpoint, null when AWS did not say).
/// </summary>
public sealed record Ec2VpcEndpoint(
    string VpcEndpointId,
    string? VpcId,
    string? ServiceName,
    string? Type,
    string? State,
    IReadOnlyList<string> RouteTableIds,
    string? PolicyDocument,
    bool PrivateDnsEnabled,
    bool? PrivateDnsOnlyForInboundResolverEndpoint = null);
