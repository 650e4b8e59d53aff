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
    private readonly RegionalSdkClients<AmazonKeyManagementServiceClient> clients;

    internal KmsClient(
        AwsCredentialSource credentials, AwsEndpointResolver endpoints, AwsClientOptions options, int maxAttempts, AwsRetryQuota retryQuota, SdkBodyCap bodyCap) =>
        clients = new(AwsService.Kms, credentials, endpoints, options, maxAttempts, retryQuota, (regional, overridden, awsCredentials) =>
            new AmazonKeyManagementServiceClient(awsCredentials, SdkClientSettings.Configure(new AmazonKeyManagementServiceConfig(), regional, overridden, bodyCap)));

    public Task<KmsKeyInfo> DescribeKeyAsync(string keyId, string region, CancellationToken cancellationToken = default) =>
        clients.CallAsync(region, "DescribeKey", async (client, ct) =>
        {
            var metadata = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, ct).ConfigureAwait(false)).KeyMetadata;
            return new KmsKeyInfo(metadata.KeyId ?? keyId, metadata.Arn ?? keyId, metadata.AWSAccountId, metadata.KeyState?.Value, metadata.KeyManager?.Value);
        }, cancellationToken);

    /// <summary>The key policy; every key has exactly one, named <c>default</c> (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html).</summary>
    public Task<string> GetKeyPolicyAsync(string keyId, string region, CancellationToken cancellationToken = default) =>
        clients.CallAsync(region, "GetKeyPolicy", async (client, ct) =>
            (await client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyId, PolicyName = "default" }, ct).ConfigureAwait(false)).Policy ?? "",
            cancellationToken);

    /// <summary>Every grant on the key, all pages (Truncated/NextMarker: https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html).</summary>
    public Task<IReadOnlyList<KmsGrant>> ListGrantsAsync(string keyId, string region, CancellationToken cancellationToken = default) =>
        clients.CallAsync<IReadOnlyList<KmsGrant>>(region, "ListGrants", async (client, ct) =>
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

    public void Dispose() => clients.Dispose();
}
