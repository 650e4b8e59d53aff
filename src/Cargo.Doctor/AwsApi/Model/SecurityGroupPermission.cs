namespace Cargo.Doctor.AwsApi.Model;

/// <summary>One inbound rule. Protocol <c>-1</c> means all traffic; ports are null for it.</summary>
public sealed record SecurityGroupPermission(
    string Protocol,
    int? FromPort,
    int? ToPort,
    IReadOnlyList<string> Ipv4Cidrs,
    IReadOnlyList<string> Ipv6Cidrs,
    IReadOnlyList<string> PrefixListIds,
    IReadOnlyList<string> ReferencedGroupIds);
