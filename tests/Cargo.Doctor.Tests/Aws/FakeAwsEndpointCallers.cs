using System.Collections.Concurrent;
using System.Security;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// The callers of the fake: each access key belongs to one principal in one account, and STS
/// <c>GetCallerIdentity</c> answers with that principal whatever the account's policies say ("No
/// permissions are required to perform this operation":
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html). Response shape from
/// botocore's sts 2011-06-15 model (GetCallerIdentityResponse: UserId, Account, Arn; Query protocol,
/// resultWrapper GetCallerIdentityResult).
/// </summary>
public sealed partial class FakeAwsEndpoint
{
    private const string StsNs = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly ConcurrentDictionary<string, FakeCaller> callers = new(StringComparer.Ordinal)
    {
        [AccessKey] = DefaultCaller,
    };

    /// <summary>The principal behind <see cref="AccessKey"/>: the identity that runs the doctor, in the customer account.</summary>
    public static FakeCaller DefaultCaller { get; } = new(
        AccessKey, SecretKey, FakeAwsResponses.AccountId,
        $"arn:aws:sts::{FakeAwsResponses.AccountId}:assumed-role/doctor/session", "AROAFAKEDOCTORROLE:session");

    /// <summary>Lets <paramref name="caller"/>'s access key sign requests to this fake.</summary>
    public FakeAwsEndpoint AddCaller(FakeCaller caller)
    {
        callers[caller.AccessKey] = caller;
        return this;
    }

    /// <summary>
    /// Regions a request may be signed for. STS also has the global endpoint, signed for us-east-1
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html).
    /// </summary>
    private string[] ExpectedSigningRegions(string? service) => service switch
    {
        "iam" => [IamSigningRegion],
        "sts" when IamSigningRegion == "us-east-1" => [Region, "us-east-1"],
        "s3" or "kms" => [Region, .. OtherRegions],
        _ => [Region],
    };

    /// <summary>GetCallerIdentity for the verified caller; null for every other request.</summary>
    private static FakeAwsResponse? Sts(RecordedAwsRequest request, FakeCaller caller) =>
        request.SigningService == "sts" && request.Operation == "GetCallerIdentity"
            ? FakeAwsResponse.Xml(
                $"<GetCallerIdentityResponse xmlns=\"{StsNs}\"><GetCallerIdentityResult>" +
                $"<Arn>{X(caller.Arn)}</Arn><UserId>{X(caller.UserId)}</UserId><Account>{X(caller.AccountId)}</Account>" +
                "</GetCallerIdentityResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>")
            : null;

    /// <summary>
    /// An access key the fake does not know: InvalidClientTokenId, 403 ("The X.509 certificate or AWS
    /// access key ID provided does not exist in our records.",
    /// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html); JSON services name it
    /// UnrecognizedClientException (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/CommonErrors.html).
    /// </summary>
    private static FakeAwsResponse UnknownAccessKey(bool isJson) => isJson
        ? FakeAwsResponses.JsonError(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
        : FakeAwsResponses.QueryError(403, "InvalidClientTokenId", "The X.509 certificate or AWS access key ID provided does not exist in our records.");

    private static string X(string value) => SecurityElement.Escape(value);
}

/// <summary>One credential of the fake: the access key, its secret and the principal it belongs to.</summary>
public sealed record FakeCaller(string AccessKey, string SecretKey, string AccountId, string Arn, string UserId);
