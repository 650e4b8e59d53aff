using Amazon.Runtime;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// The response body cap of the hand-written clients, for the SDK-backed ones (EC2, STS): the SDK gets its
/// HttpClient from this factory (ClientConfig.HttpClientFactory), whose handler buffers each body only up to
/// the cap, so a body that never ends fails the call instead of growing memory without bound.
/// </summary>
internal sealed class SdkBodyCap(long maxBodyBytes) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new CappingHandler(maxBodyBytes) { InnerHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) } })
        {
            Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100),
        };

    /// <summary>One client per SDK client config is enough: the SDK keeps it for the client's lifetime.</summary>
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    private sealed class CappingHandler(long max) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is { } length && length > max)
            {
                response.Dispose();
                throw new ResponseBodyTooLargeException(max);
            }

            try
            {
                // LoadIntoBufferAsync(max) stops at the cap whatever the body claims (chunked, or a wrong length).
                await response.Content.LoadIntoBufferAsync(max, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is null or not IOException)
            {
                response.Dispose();
                throw new ResponseBodyTooLargeException(max, e);
            }

            return response;
        }
    }
}

/// <summary>An AWS response body larger than the cap; <see cref="SdkCallFailure"/> names it in one line.</summary>
internal sealed class ResponseBodyTooLargeException(long max, Exception? inner = null)
    : Exception($"the response body is larger than {(max == Files.BoundedRead.MaxBytes ? Files.BoundedRead.LimitText : $"{max} bytes")}", inner);
