using Amazon.Runtime;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// How to reach AWS. <paramref name="EndpointOverride"/> wins over the AWS_ENDPOINT_URL* environment
/// variables and applies to every service (tests point it at a loopback fake).
/// <paramref name="Credentials"/> bypasses the SDK's default credential chain.
/// <paramref name="MaxAttempts"/> wins over AWS_MAX_ATTEMPTS; the SDKs' standard-mode default is 3.
/// <paramref name="RetryDelay"/> replaces the real back-off wait (tests pass a no-op).
/// </summary>
public sealed record AwsClientOptions(
    string Region,
    string? Profile = null,
    Uri? EndpointOverride = null,
    AWSCredentials? Credentials = null,
    int? MaxAttempts = null,
    TimeSpan? RequestTimeout = null,
    Func<TimeSpan, CancellationToken, Task>? RetryDelay = null)
{
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveRequestTimeout => RequestTimeout ?? DefaultRequestTimeout;
}
