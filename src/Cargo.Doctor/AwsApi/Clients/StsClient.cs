using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// Thin wrapper over AWSSDK.SecurityToken GetCallerIdentity: the account whose credentials the run uses.
/// IAM's GetRole looks a role name up in that account, so a role of the same name in another account says
/// nothing about the customer's role. GetCallerIdentity needs no permission
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
/// </summary>
public sealed class StsClient : IDisposable
{
    private const string Operation = "GetCallerIdentity";

    private readonly AwsCredentialSource credentials;
    private readonly AwsClientOptions options;
    private readonly Uri? endpointOverride;
    private readonly AwsRetryPolicy retry;
    private readonly SdkCallFailure failure;
    private readonly SdkBodyCap bodyCap;
    private AmazonSecurityTokenServiceClient? sdkClient;

    internal StsClient(
        AwsCredentialSource credentials, AwsEndpointResolver endpoints, AwsClientOptions options, int maxAttempts, AwsRetryQuota retryQuota, SdkBodyCap bodyCap)
    {
        this.bodyCap = bodyCap;
        this.credentials = credentials;
        this.options = options;
        endpointOverride = endpoints.ResolveOverride(AwsService.Sts, options);
        retry = new AwsRetryPolicy(maxAttempts, options.RetryDelay, retryQuota);
        failure = new SdkCallFailure(AwsService.Sts, Operation, endpoints.Resolve(AwsService.Sts, options), options, credentials);
    }

    /// <summary>The 12-digit account of the credentials in use.</summary>
    public Task<string> GetCallerAccountAsync(CancellationToken cancellationToken = default) =>
        retry.ExecuteAsync(CallOnceAsync, cancellationToken);

    public void Dispose() => sdkClient?.Dispose();

    private async Task<string> CallOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            sdkClient ??= new AmazonSecurityTokenServiceClient(await credentials.GetAsync(AwsService.Sts, Operation).ConfigureAwait(false), BuildConfig());
            var response = await sdkClient.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return response.Account ?? "";
        }
        catch (Exception e) when (SdkCallFailure.IsCallFailure(e, cancellationToken))
        {
            throw failure.Translate(e);
        }
    }

    private AmazonSecurityTokenServiceConfig BuildConfig() => SdkClientSettings.Configure(new AmazonSecurityTokenServiceConfig(), options, endpointOverride, bodyCap);
}
