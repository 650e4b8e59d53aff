namespace Cargo.Doctor.Aws;

public sealed record SecurityGroup(
    string GroupId,
    string? GroupName,
    string? VpcId,
    IReadOnlyList<SecurityGroupPermission> InboundPermissions);
