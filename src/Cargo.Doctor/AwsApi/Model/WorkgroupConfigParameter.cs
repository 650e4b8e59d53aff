namespace Cargo.Doctor.AwsApi.Model;

public sealed record WorkgroupConfigParameter(string Key, string? Value);
