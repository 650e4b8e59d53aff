using Amazon.Runtime;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// Turns what an AWS SDK client throws into the <see cref="AwsCallException"/> the hand-written clients
/// throw, so a rule cannot tell an SDK-backed call (EC2, STS) from the others.
/// </summary>
internal sealed class SdkCallFailure(AwsService awsService, string operation, Uri endpoint, AwsClientOptions options, AwsCredentialSource credentials)
{
    public static bool IsCallFailure(Exception e, CancellationToken cancellationToken) =>
        e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or ResponseBodyTooLargeException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public AwsCallException Translate(Exception e)
    {
        if (FindInChain<ResponseBodyTooLargeException>(e) is { } tooLarge)
        {
            return Failure(null, AwsCallException.MalformedResponseCode, tooLarge.Message, e);
        }

        if (e is AmazonServiceException service && service.ErrorCode is { Length: > 0 } code)
        {
            return Failure((int)service.StatusCode, code, service.Message, e);
        }

        // A reset or short body while the SDK reads the response (HttpIOException "response ended prematurely").
        if (FindInChain<IOException>(e) is not null)
        {
            var status = e is AmazonServiceException { StatusCode: not 0 } partial ? (int?)partial.StatusCode : null;
            return Failure(null, AwsCallException.ConnectionDroppedCode, NetworkFailure.Dropped(endpoint, status), e);
        }

        if (FindInChain<HttpRequestException>(e) is { } network)
        {
            return Failure(null, AwsCallException.EndpointUnreachableCode, NetworkFailure.Unreachable(endpoint, network), e);
        }

        if (FindInChain<OperationCanceledException>(e) is not null || FindInChain<TimeoutException>(e) is not null)
        {
            var seconds = (int)options.EffectiveRequestTimeout.TotalSeconds;
            return Failure(null, AwsCallException.TimeoutCode, NetworkFailure.TimedOut(endpoint, seconds), e);
        }

        if (e is AmazonServiceException failed)
        {
            return Failure((int)failed.StatusCode, $"Http{(int)failed.StatusCode}", failed.Message, e);
        }

        // Refreshing credentials (assume-role, SSO) fail inside the SDK call as client exceptions.
        return e.Message.Contains("credential", StringComparison.OrdinalIgnoreCase)
            ? credentials.NoCredentials(awsService, operation, e)
            : Failure(null, "ClientError", e.Message.ReplaceLineEndings(" "), e);
    }

    private AwsCallException Failure(int? status, string code, string message, Exception inner) =>
        new(awsService.SigningName, operation, awsService.IamAction(operation), status, code, message, inner);

    private static T? FindInChain<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
