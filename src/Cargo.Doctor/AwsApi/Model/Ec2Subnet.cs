namespace Cargo.Doctor.AwsApi.Model;

/// <summary>A subnet: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html.</summary>
public sealed record Ec2Subnet(string SubnetId, string? VpcId, string? CidrBlock);
