using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// Thin wrapper over AWSSDK.KeyManagementService for the bucket key of <c>cargo-doctor vendor</c>: DescribeKey,
/// GetKeyPolicy and ListGrants, all read-only. A key lives in one region, the region of its ARN
/// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN).
/// </summary>
public sealed class KmsClient : IDisposable
{
    private readonly AwsCredentialSource credentials;
    private readonly AwsEndpointResolver endpoints;
    private readonly AwsClientOptions options;
    private readonly AwsRetryPolicy retry;
    private readonly SdkBodyCap bodyCap;
    private readonly Dictionary<string, AmazonKeyManagementServiceClient> byRegion = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim createLock = new(1, 1);

    internal KmsClient(
        AwsCredentialSource credentials, AwsEndpointResolver endpoints, AwsClientOptions options, int maxAttempts, AwsRetryQuota retryQuota, SdkBodyCap bodyCap)
    {
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.options = options;
        this.bodyCap = bodyCap;
        retry = new AwsRetryPolicy(maxAttempts, options.RetryDelay, retryQuota);
    }

    public Task<KmsKeyInfo> DescribeKeyAsync(string keyId, string region, CancellationToken cancellationToken = default) =>
        CallAsync(region, "DescribeKey", async (client, ct) =>
        {
            var metadata = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, ct).ConfigureAwait(false)).KeyMetadata;
            return new KmsKeyInfo(metadata.KeyId ?? keyId, metadata.Arn ?? keyId, metadata.AWSAccountId, metadata.KeyState?.Value, metadata.KeyManager?.Value);
        }, cancellationToken);

    /// <summary>The key policy; every key has exactly one, named <c>default</c> (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html).</summary>
    public Task<string> GetKeyPolicyAsync(string keyId, string region, CancellationToken cancellationToken = default) =>
        CallAsync(region, "GetKeyPolicy", async (client, ct) =>
            (await client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyId, PolicyName = "default" }, ct).ConfigureAwait(false)).Policy ?? "",
            cancellationToken);

    /// <summary>Every grant on the key, all pages (Truncated/NextMarker: https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html).</summary>
    public Task<IReadOnlyList<KmsGrant>> ListGrantsAsync(string keyId, string region, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<KmsGrant>>(region, "ListGrants", async (client, ct) =>
        {
            var grants = new List<KmsGrant>();
            string? marker = null;
            do
            {
                var response = await client.ListGrantsAsync(new ListGrantsRequest { KeyId = keyId, Marker = marker }, ct).ConfigureAwait(false);
                grants.AddRange((response.Grants ?? []).Select(g => new KmsGrant(
                    g.GrantId ?? "",
                    g.GranteePrincipal,
                    (g.Operations ?? []).ToList(),
                    g.Constraints is { } c && ((c.EncryptionContextEquals?.Count ?? 0) > 0 || (c.EncryptionContextSubset?.Count ?? 0) > 0))));
                marker = response.Truncated == true ? response.NextMarker : null;
            }
            while (!string.IsNullOrEmpty(marker));

            return grants;
        }, cancellationToken);

    public void Dispose()
    {
        foreach (var client in byRegion.Values)
        {
            client.Dispose();
        }

        createLock.Dispose();
    }

    private Task<T> CallAsync<T>(string region, string operation, Func<AmazonKeyManagementServiceClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var regional = options with { Region = region };
        var failure = new SdkCallFailure(AwsService.Kms, operation, endpoints.Resolve(AwsService.Kms, regional), regional, credentials);
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

    private async Task<AmazonKeyManagementServiceClient> ClientAsync(string region, string operation)
    {
        var awsCredentials = await credentials.GetAsync(AwsService.Kms, operation).ConfigureAwait(false);
        await createLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!byRegion.TryGetValue(region, out var client))
            {
                var regional = options with { Region = region };
                var config = SdkClientSettings.Configure(new AmazonKeyManagementServiceConfig(), regional, endpoints.ResolveOverride(AwsService.Kms, regional), bodyCap);
                byRegion[region] = client = new AmazonKeyManagementServiceClient(awsCredentials, config);
            }

            return client;
        }
        finally
        {
            createLock.Release();
        }
    }
}
