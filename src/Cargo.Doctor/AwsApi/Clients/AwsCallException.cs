namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// Any failure of an AWS call: an AWS error response, an unreachable endpoint, or missing credentials.
/// The message is one line and never contains credentials.
/// </summary>
public sealed class AwsCallException : Exception
{
    public const string NoCredentialsCode = "NoCredentials";
    public const string EndpointUnreachableCode = "EndpointUnreachable";
    public const string TimeoutCode = "RequestTimeout";
    public const string MalformedResponseCode = "MalformedResponse";

    /// <summary>The connection broke after the response started (e.g. reset in the middle of the body).</summary>
    public const string ConnectionDroppedCode = "ConnectionDropped";

    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "NoSuchEntity", "ClusterNotFound", "ClusterNotFoundFault", "ClusterParameterGroupNotFound",
        "ClusterParameterGroupNotFoundFault", "ResourceNotFoundException", "InvalidGroup.NotFound",
    };

    // The SDKs' throttling codes: ThrottledRetryableChecker._THROTTLED_ERROR_CODES in
    // https://github.com/boto/botocore/blob/develop/botocore/retries/standard.py
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    };

    // TransientRetryableChecker in the same file: these codes, HTTP 500/502/503/504, connection errors.
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    };

    private static readonly HashSet<int> TransientStatuses = [500, 502, 503, 504];

    public AwsCallException(
        string service,
        string operation,
        string iamAction,
        int? httpStatus,
        string errorCode,
        string errorMessage,
        Exception? innerException = null)
        : base(FormatMessage(iamAction, httpStatus, errorCode, errorMessage), innerException)
    {
        Service = service;
        Operation = operation;
        IamAction = iamAction;
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>Signing name of the service, e.g. <c>iam</c>, <c>redshift-serverless</c>.</summary>
    public string Service { get; }

    public string Operation { get; }

    /// <summary>The IAM action the caller needs, e.g. <c>iam:GetRole</c>.</summary>
    public string IamAction { get; }

    /// <summary>Null when no HTTP response was received.</summary>
    public int? HttpStatus { get; }

    public string ErrorCode { get; }

    public string ErrorMessage { get; }

    public bool IsAccessDenied => AccessDeniedCodes.Contains(ErrorCode);

    public bool IsNotFound => NotFoundCodes.Contains(ErrorCode);

    /// <summary>A throttling code, or HTTP 429 (botocore's data/_retry.json "too_many_requests").</summary>
    public bool IsThrottling => ThrottlingCodes.Contains(ErrorCode) || HttpStatus == 429;

    /// <summary>A transient error code or status, or no (complete) response at all.</summary>
    public bool IsTransient =>
        TransientCodes.Contains(ErrorCode)
        || (HttpStatus is { } status && TransientStatuses.Contains(status))
        || (HttpStatus is null && IsEndpointUnreachable);

    /// <summary>What the SDKs' standard retry mode retries (see <see cref="AwsRetryPolicy"/>).</summary>
    public bool IsRetryable => IsThrottling || IsTransient;

    public bool IsNoCredentials => ErrorCode == NoCredentialsCode;

    /// <summary>No complete response: unreachable, timed out, or the connection dropped mid-response.</summary>
    public bool IsEndpointUnreachable => ErrorCode is EndpointUnreachableCode or TimeoutCode or ConnectionDroppedCode;

    private static string FormatMessage(string iamAction, int? httpStatus, string errorCode, string errorMessage)
    {
        var status = httpStatus is null ? "" : $" (HTTP {httpStatus})";
        var oneLine = errorMessage.ReplaceLineEndings(" ").Trim();
        return $"{iamAction} failed: {errorCode}: {oneLine}{status}";
    }
}
