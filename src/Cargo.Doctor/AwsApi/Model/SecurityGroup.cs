namespace Cargo.Doctor.AwsApi.Model;

public sealed record SecurityGroup(
    string GroupId,
    string? GroupName,
    IReadOnlyList<SecurityGroupPermission> InboundPermissions);
