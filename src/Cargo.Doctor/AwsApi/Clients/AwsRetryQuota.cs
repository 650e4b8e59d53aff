namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// The standard retry mode's token bucket, shared by every client of one run, so a struggling service is
/// not hammered with retries (botocore https://github.com/boto/botocore/blob/develop/botocore/retries/quota.py
/// and <c>RetryQuotaChecker</c> in retries/standard.py): 500 tokens; a retry costs 5, or 10 after a timeout;
/// a call that succeeds first time returns 1, one that succeeds after retrying returns what its last retry took.
/// </summary>
internal sealed class AwsRetryQuota
{
    public const int InitialCapacity = 500;
    private const int RetryCost = 5;
    private const int TimeoutRetryCost = 10;
    private const int NoRetryIncrement = 1;

    private readonly Lock gate = new();
    private int available = InitialCapacity;

    public int Available
    {
        get
        {
            lock (gate)
            {
                return available;
            }
        }
    }

    /// <summary>Takes the cost of retrying after <paramref name="failure"/>; null when the bucket cannot pay it.</summary>
    public int? TryAcquire(AwsCallException failure)
    {
        var cost = failure.ErrorCode == AwsCallException.TimeoutCode && failure.HttpStatus is null ? TimeoutRetryCost : RetryCost;
        lock (gate)
        {
            if (cost > available)
            {
                return null;
            }

            available -= cost;
            return cost;
        }
    }

    public void ReleaseAfterSuccess(int? lastAcquired)
    {
        lock (gate)
        {
            available = Math.Min(InitialCapacity, available + (lastAcquired ?? NoRetryIncrement));
        }
    }
}
