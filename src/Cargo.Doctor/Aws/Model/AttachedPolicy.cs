namespace Cargo.Doctor.Aws;

public sealed record AttachedPolicy(string PolicyName, string PolicyArn);
