namespace Cargo.Doctor.AwsApi.Clients;

internal sealed record AwsErrorDetails(string Code, string Message);
