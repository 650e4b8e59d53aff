namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// The AWS SDKs' "standard" retry mode (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html;
/// botocore https://github.com/boto/botocore/blob/develop/botocore/retries/standard.py): up to
/// <see cref="MaxAttempts"/> attempts (3 by default), retrying only throttling, transient and connection
/// errors (<see cref="AwsCallException.IsRetryable"/>), waiting <c>rand(0,1) * min(2^(attempt-1), 20)</c>
/// seconds, and only while the shared <see cref="AwsRetryQuota"/> lasts. Every call the doctor makes is a
/// read, so repeating one never changes anything.
/// </summary>
internal sealed class AwsRetryPolicy(
    int maxAttempts,
    Func<TimeSpan, CancellationToken, Task>? delay,
    AwsRetryQuota? quota = null,
    Func<double>? random = null)
{
    public const int DefaultMaxAttempts = 3;

    // standard.py ExponentialBackoff: _BASE = 2, _MAX_BACKOFF = 20 (seconds).
    private const double BackoffBase = 2;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    private readonly Func<TimeSpan, CancellationToken, Task> delay = delay ?? Task.Delay;
    private readonly AwsRetryQuota quota = quota ?? new AwsRetryQuota();
    private readonly Func<double> random = random ?? Random.Shared.NextDouble;

    public int MaxAttempts { get; } = Math.Max(1, maxAttempts);

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        int? lastAcquired = null;
        for (var attempt = 1; ; attempt++)
        {
            AwsCallException failure;
            try
            {
                var result = await call(cancellationToken).ConfigureAwait(false);
                quota.ReleaseAfterSuccess(lastAcquired);
                return result;
            }
            catch (AwsCallException e)
            {
                failure = e;
            }

            if (!failure.IsRetryable || attempt >= MaxAttempts || quota.TryAcquire(failure) is not { } acquired)
            {
                throw failure;
            }

            lastAcquired = acquired;
            await delay(BackoffFor(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Truncated binary exponential backoff with full jitter; <paramref name="attempt"/> is the 1-based attempt that failed.</summary>
    public TimeSpan BackoffFor(int attempt)
    {
        var ceiling = Math.Min(Math.Pow(BackoffBase, attempt - 1), MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(random() * ceiling);
    }
}
