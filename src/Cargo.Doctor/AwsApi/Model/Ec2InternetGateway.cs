namespace Cargo.Doctor.AwsApi.Model;

/// <summary>An internet gateway and the VPCs it is attached to: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InternetGateway.html.</summary>
public sealed record Ec2InternetGateway(string InternetGatewayId, IReadOnlyList<string> AttachedVpcIds);
