namespace Cargo.Doctor.Aws;

internal sealed record AwsErrorDetails(string Code, string Message);
