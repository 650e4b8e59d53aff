namespace Cargo.Doctor.AwsApi.Model;

public sealed record SecurityGroup(
    string GroupId,
    string? GroupName,
    string? VpcId,
    IReadOnlyList<SecurityGroupPermission> InboundPermissions);
