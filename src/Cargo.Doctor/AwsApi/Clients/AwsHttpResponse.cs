namespace Cargo.Doctor.AwsApi.Clients;

/// <param name="ErrorTypeHeader">The <c>x-amzn-ErrorType</c> header some JSON services use instead of <c>__type</c>.</param>
internal sealed record AwsHttpResponse(int Status, string Body, string? ErrorTypeHeader);
