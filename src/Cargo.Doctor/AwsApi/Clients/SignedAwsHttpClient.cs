using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Cargo.Doctor.Files;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// Sends SigV4-signed requests (signed by AWSSDK.Core's <see cref="AWSSigV4Signer"/>), retries as the
/// SDKs' standard mode does (<see cref="AwsRetryPolicy"/>), and turns every failure into an
/// <see cref="AwsCallException"/>. Never logs headers.
/// </summary>
internal sealed class SignedAwsHttpClient(
    HttpClient http,
    AwsCredentialSource credentials,
    AwsEndpointResolver endpoints,
    AwsClientOptions options,
    int maxAttempts,
    AwsRetryQuota retryQuota)
{
    private readonly AwsRetryPolicy retry = new(maxAttempts, options.RetryDelay, retryQuota);

    /// <summary>The largest response body read; settable so a test need not send 256 MB.</summary>
    internal long MaxBodyBytes { get; init; } = BoundedRead.MaxBytes;

    public Task<string> SendAsync(AwsRequest request, CancellationToken cancellationToken) =>
        retry.ExecuteAsync(ct => SendOnceAsync(request, ct), cancellationToken);

    private async Task<string> SendOnceAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var service = request.Service;
        var endpoint = endpoints.Resolve(service, options);
        var awsCredentials = await credentials.GetAsync(service, request.Operation).ConfigureAwait(false);
        var secrets = await SecretsOf(awsCredentials, service, request.Operation).ConfigureAwait(false);

        using var message = await BuildSignedMessageAsync(request, endpoint, awsCredentials, cancellationToken)
            .ConfigureAwait(false);

        HttpResponseMessage response;
        try
        {
            // Headers only: a failure while the body streams in is told apart from an unreachable endpoint.
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Failure(request, null, AwsCallException.EndpointUnreachableCode, NetworkFailure.Unreachable(endpoint, e), e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = (int)options.EffectiveRequestTimeout.TotalSeconds;
            throw Failure(request, null, AwsCallException.TimeoutCode, NetworkFailure.TimedOut(endpoint, seconds), e);
        }

        using (response)
        {
            var body = await ReadBodyAsync(request, endpoint, response, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            var error = request.ReadError(new AwsHttpResponse((int)response.StatusCode, body, errorType));
            throw Failure(request, (int)response.StatusCode, error.Code, Redact(error.Message, secrets), null);
        }
    }

    /// <summary>
    /// Reads the whole body within the request timeout. A connection reset or a body shorter than its
    /// Content-Length is a connection error (retried, then a gap), never an unhandled IOException.
    /// </summary>
    private async Task<string> ReadBodyAsync(
        AwsRequest request, Uri endpoint, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.EffectiveRequestTimeout);
        try
        {
            // Capped like an input file: a body that never ends must not grow memory without bound.
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await BoundedRead.TextAsync(
                    stream,
                    MaxBodyBytes,
                    () => Failure(request, (int)response.StatusCode, AwsCallException.MalformedResponseCode, $"the response body is larger than {(MaxBodyBytes == BoundedRead.MaxBytes ? BoundedRead.LimitText : $"{MaxBodyBytes} bytes")}", null),
                    timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw Failure(request, null, AwsCallException.ConnectionDroppedCode, NetworkFailure.Dropped(endpoint, (int)response.StatusCode), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = (int)options.EffectiveRequestTimeout.TotalSeconds;
            throw Failure(request, null, AwsCallException.TimeoutCode, NetworkFailure.TimedOut(endpoint, seconds), e);
        }
    }

    private async Task<HttpRequestMessage> BuildSignedMessageAsync(
        AwsRequest request, Uri endpoint, AWSCredentials awsCredentials, CancellationToken cancellationToken)
    {
        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = endpoint,
            Content = request.Body,
        };
        signingRequest.Headers["Content-Type"] = request.ContentType;
        foreach (var (name, value) in request.Headers)
        {
            signingRequest.Headers[name] = value;
        }

        AWSSigningResult signed;
        try
        {
            signed = await AWSSigV4Signer.SignAsync(
                signingRequest,
                new AWSSigV4Parameters
                {
                    Credentials = awsCredentials,
                    Region = RegionEndpoint.GetBySystemName(request.Service.SigningRegion(options.Region)),
                    Service = request.Service.SigningName,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            // Refreshing credentials (assume-role, SSO) fail here rather than at resolution time.
            throw credentials.NoCredentials(request.Service, request.Operation, e);
        }

        var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(request.Body),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        foreach (var (name, value) in request.Headers.Concat(signed.Headers))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    private async Task<string[]> SecretsOf(AWSCredentials awsCredentials, AwsService service, string operation)
    {
        try
        {
            var immutable = await awsCredentials.GetCredentialsAsync().ConfigureAwait(false);
            return new[] { immutable.SecretKey, immutable.Token }.Where(s => !string.IsNullOrEmpty(s)).ToArray();
        }
        catch (AmazonClientException e)
        {
            throw credentials.NoCredentials(service, operation, e);
        }
    }

    private static string Redact(string text, IEnumerable<string> secrets) =>
        secrets.Aggregate(text, (current, secret) => current.Replace(secret, "[redacted]", StringComparison.Ordinal));

    private static AwsCallException Failure(AwsRequest request, int? status, string code, string message, Exception? inner) =>
        new(request.Service.SigningName, request.Operation, request.Service.IamAction(request.Operation), status, code, message, inner);
}
