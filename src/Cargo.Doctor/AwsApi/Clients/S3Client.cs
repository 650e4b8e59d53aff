using Amazon.S3;
using Amazon.S3.Model;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// Thin wrapper over AWSSDK.S3 for the three bucket reads of <c>cargo-doctor vendor</c>. A bucket's policy and
/// encryption are read from the bucket's own region (the region GetBucketLocation names): S3 redirects a
/// request sent to another region (PermanentRedirect, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
/// </summary>
public sealed class S3Client : IDisposable
{
    private readonly RegionalSdkClients<AmazonS3Client> clients;

    internal S3Client(
        AwsCredentialSource credentials, AwsEndpointResolver endpoints, AwsClientOptions options, int maxAttempts, AwsRetryQuota retryQuota, SdkBodyCap bodyCap) =>
        clients = new(AwsService.S3, credentials, endpoints, options, maxAttempts, retryQuota, (regional, overridden, awsCredentials) =>
        {
            var config = SdkClientSettings.Configure(new AmazonS3Config(), regional, overridden, bodyCap);
            // A custom endpoint (a test's loopback fake) has no bucket subdomains.
            config.ForcePathStyle = overridden is not null;
            return new AmazonS3Client(awsCredentials, config);
        });

    /// <summary>
    /// The bucket's region. GetBucketLocation answers an empty LocationConstraint for us-east-1 and the legacy
    /// <c>EU</c> for eu-west-1 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html).
    /// </summary>
    public Task<string> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default) =>
        clients.CallAsync(clients.DefaultRegion, "GetBucketLocation", async (client, ct) =>
        {
            var response = await client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, ct).ConfigureAwait(false);
            return response.Location?.Value switch
            {
                null or "" => "us-east-1",
                "EU" => "eu-west-1",
                var region => region,
            };
        }, cancellationToken);

    /// <summary>The bucket policy's JSON; null when the bucket has none (NoSuchBucketPolicy).</summary>
    public Task<string?> GetBucketPolicyAsync(string bucket, string bucketRegion, CancellationToken cancellationToken = default) =>
        clients.CallAsync(bucketRegion, "GetBucketPolicy", async (client, ct) =>
        {
            try
            {
                var response = await client.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, ct).ConfigureAwait(false);
                if ((int)response.HttpStatusCode is < 200 or > 299)
                {
                    // Seen with AWSSDK.S3 4.0: an error answer's body handed back as the policy text instead of thrown.
                    var code = ErrorCode(response.Policy);
                    return code == "NoSuchBucketPolicy" ? null
                        : throw new AwsCallException("s3", "GetBucketPolicy", "s3:GetBucketPolicy", (int)response.HttpStatusCode, code ?? $"Http{(int)response.HttpStatusCode}", "S3 answered an error to GetBucketPolicy");
                }

                return string.IsNullOrEmpty(response.Policy) ? null : response.Policy;
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucketPolicy")
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// The default encryption rule; null when the bucket has none (ServerSideEncryptionConfigurationNotFoundError; since
    /// January 2023 every bucket has SSE-S3 at least: https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html).
    /// </summary>
    public Task<BucketEncryption?> GetBucketEncryptionAsync(string bucket, string bucketRegion, CancellationToken cancellationToken = default) =>
        clients.CallAsync(bucketRegion, "GetBucketEncryption", async (client, ct) =>
        {
            try
            {
                var response = await client.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, ct).ConfigureAwait(false);
                var rule = response.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault();
                return rule?.ServerSideEncryptionByDefault is { } byDefault
                    ? new BucketEncryption(byDefault.ServerSideEncryptionAlgorithm?.Value ?? "", NullIfEmpty(byDefault.ServerSideEncryptionKeyManagementServiceKeyId), rule.BucketKeyEnabled)
                    : null;
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "ServerSideEncryptionConfigurationNotFoundError")
            {
                return null;
            }
        }, cancellationToken);

    public void Dispose() => clients.Dispose();

    /// <summary>The Code of an S3 error body (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses).</summary>
    private static string? ErrorCode(string? body)
    {
        try
        {
            return body is null ? null : System.Xml.Linq.XDocument.Parse(body).Root?.Element("Code")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
