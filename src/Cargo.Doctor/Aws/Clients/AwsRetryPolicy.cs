namespace Cargo.Doctor.Aws;

/// <summary>Bounded exponential back-off with jitter, only for throttling and 503 responses.</summary>
internal sealed class AwsRetryPolicy(int maxAttempts, Func<TimeSpan, CancellationToken, Task>? delay)
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

    private readonly Func<TimeSpan, CancellationToken, Task> delay = delay ?? Task.Delay;

    public int MaxAttempts { get; } = Math.Max(1, maxAttempts);

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCallException e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
                await delay(BackoffFor(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static bool IsRetryable(AwsCallException e) => e.IsThrottling || e.HttpStatus == 503;

    /// <summary>"Equal jitter": half the exponential step fixed, half random, so waits never collapse to zero.</summary>
    public static TimeSpan BackoffFor(int attempt)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
