namespace Cargo.Doctor.AwsApi.Model;

public sealed record AttachedPolicy(string PolicyName, string PolicyArn);
