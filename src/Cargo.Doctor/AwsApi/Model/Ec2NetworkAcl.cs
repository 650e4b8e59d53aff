namespace Cargo.Doctor.AwsApi.Model;

/// <summary>A network ACL, its entries and the subnets associated with it: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAcl.html.</summary>
public sealed record Ec2NetworkAcl(string NetworkAclId, string? VpcId, bool IsDefault, IReadOnlyList<string> SubnetIds, IReadOnlyList<Ec2NetworkAclEntry> Entries);

/// <summary>One entry: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html (protocol "-1" is all, "6" TCP).</summary>
public sealed record Ec2NetworkAclEntry(int RuleNumber, string Protocol, string RuleAction, bool Egress, string? CidrBlock, string? Ipv6CidrBlock, int? FromPort, int? ToPort);
