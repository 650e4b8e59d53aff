using Amazon.Runtime;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// One AWS SDK client per region for a service whose resources answer only in their own region (an S3 bucket, a
/// KMS key), created on first use and reused, with the retry policy and error translation every SDK-backed call
/// shares. <paramref name="create"/> builds the client from the regional options, the endpoint override (a test's
/// loopback fake) and the credentials.
/// </summary>
internal sealed class RegionalSdkClients<TClient>(
    AwsService awsService,
    AwsCredentialSource credentials,
    AwsEndpointResolver endpoints,
    AwsClientOptions options,
    int maxAttempts,
    AwsRetryQuota retryQuota,
    Func<AwsClientOptions, Uri?, AWSCredentials, TClient> create) : IDisposable
    where TClient : IDisposable
{
    private readonly AwsRetryPolicy retry = new(maxAttempts, options.RetryDelay, retryQuota);
    private readonly Dictionary<string, TClient> byRegion = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim createLock = new(1, 1);

    public string DefaultRegion => options.Region;

    public Task<T> CallAsync<T>(string region, string operation, Func<TClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var regional = options with { Region = region };
        var failure = new SdkCallFailure(awsService, operation, endpoints.Resolve(awsService, regional), regional, credentials);
        return retry.ExecuteAsync(async ct =>
        {
            try
            {
                var client = await ClientAsync(region, operation).ConfigureAwait(false);
                return await call(client, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (SdkCallFailure.IsCallFailure(e, ct))
            {
                throw failure.Translate(e);
            }
        }, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var client in byRegion.Values)
        {
            client.Dispose();
        }

        createLock.Dispose();
    }

    private async Task<TClient> ClientAsync(string region, string operation)
    {
        var awsCredentials = await credentials.GetAsync(awsService, operation).ConfigureAwait(false);
        await createLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!byRegion.TryGetValue(region, out var client))
            {
                var regional = options with { Region = region };
                byRegion[region] = client = create(regional, endpoints.ResolveOverride(awsService, regional), awsCredentials);
            }

            return client;
        }
        finally
        {
            createLock.Release();
        }
    }
}
