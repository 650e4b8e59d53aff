namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// A network interface: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html (SubnetId,
/// VpcId, PrivateIpAddress) and its Association.PublicIp, the public IPv4 address bound to it
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterfaceAssociation.html).
/// </summary>
public sealed record Ec2NetworkInterface(string NetworkInterfaceId, string? SubnetId, string? VpcId, string? PrivateIpAddress, string? PublicIp);
