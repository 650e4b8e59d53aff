namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// A NAT gateway: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html (State pending, failed,
/// available, deleting or deleted; ConnectivityType public or private).
/// </summary>
public sealed record Ec2NatGateway(string NatGatewayId, string? VpcId, string? SubnetId, string? State, string? ConnectivityType);
