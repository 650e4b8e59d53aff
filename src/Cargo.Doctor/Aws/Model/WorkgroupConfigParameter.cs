namespace Cargo.Doctor.Aws;

public sealed record WorkgroupConfigParameter(string Key, string? Value);
