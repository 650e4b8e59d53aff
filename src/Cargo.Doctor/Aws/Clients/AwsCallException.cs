namespace Cargo.Doctor.Aws;

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

    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "NoSuchEntity", "ClusterNotFound", "ClusterNotFoundFault", "ClusterParameterGroupNotFound",
        "ClusterParameterGroupNotFoundFault", "ResourceNotFoundException", "InvalidGroup.NotFound",
    };

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
    };

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

    public bool IsThrottling => ThrottlingCodes.Contains(ErrorCode) || HttpStatus == 429;

    public bool IsNoCredentials => ErrorCode == NoCredentialsCode;

    public bool IsEndpointUnreachable => ErrorCode is EndpointUnreachableCode or TimeoutCode;

    internal static bool IsThrottlingCode(string? code) => code is not null && ThrottlingCodes.Contains(code);

    private static string FormatMessage(string iamAction, int? httpStatus, string errorCode, string errorMessage)
    {
        var status = httpStatus is null ? "" : $" (HTTP {httpStatus})";
        var oneLine = errorMessage.ReplaceLineEndings(" ").Trim();
        return $"{iamAction} failed: {errorCode}: {oneLine}{status}";
    }
}
