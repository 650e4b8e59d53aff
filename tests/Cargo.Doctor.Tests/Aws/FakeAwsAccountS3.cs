namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// S3 buckets: location, policy and default encryption, shapes from botocore's s3 2006-03-01 model (REST-XML,
/// namespace http://s3.amazonaws.com/doc/2006-03-01/).
/// - GetBucketLocation: "Buckets in Region us-east-1 have a LocationConstraint of null"
///   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html); answered whatever region the
///   request was signed for.
/// - GetBucketPolicy: the policy JSON is the whole body (payload "Policy"); no policy is 404 NoSuchBucketPolicy
///   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html, ErrorResponses.html).
/// - GetBucketEncryption: ServerSideEncryptionConfiguration/Rule/ApplyServerSideEncryptionByDefault
///   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html).
/// - Policy and encryption sent to another region than the bucket's: 301 PermanentRedirect, and an unknown bucket
///   404 NoSuchBucket (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
/// </summary>
public sealed partial class FakeAwsAccount
{
    private const string S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public Dictionary<string, FakeBucket> Buckets { get; } = new(StringComparer.Ordinal);

    private FakeAwsResponse? S3(RecordedAwsRequest request)
    {
        var name = Uri.UnescapeDataString(request.Path.Trim('/').Split('/')[0]);
        if (!Buckets.TryGetValue(name, out var bucket))
        {
            return S3Error(404, "NoSuchBucket", "The specified bucket does not exist", name);
        }

        if (request.Operation != "GetBucketLocation" && request.SigningRegion != bucket.Region)
        {
            return S3Error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.", name);
        }

        switch (request.Operation)
        {
            case "GetBucketLocation":
                var constraint = bucket.Region == "us-east-1" ? "" : X(bucket.Region);
                return FakeAwsResponse.Xml($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"{S3Ns}\">{constraint}</LocationConstraint>");
            case "GetBucketPolicy":
                return bucket.Policy is { } policy
                    ? new FakeAwsResponse(200, policy, "application/json")
                    : S3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist", name);
            case "GetBucketEncryption":
                if (bucket.SseAlgorithm is not { } algorithm)
                {
                    return S3Error(404, "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found", name);
                }

                var key = bucket.KmsKeyId is { } id ? $"<KMSMasterKeyID>{X(id)}</KMSMasterKeyID>" : "";
                return FakeAwsResponse.Xml(
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServerSideEncryptionConfiguration xmlns=\"{S3Ns}\"><Rule><ApplyServerSideEncryptionByDefault>" +
                    $"<SSEAlgorithm>{X(algorithm)}</SSEAlgorithm>{key}</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>");
            default:
                return null;
        }
    }

    private static FakeAwsResponse S3Error(int status, string code, string message, string bucket) => FakeAwsResponse.Xml(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{X(code)}</Code><Message>{X(message)}</Message><BucketName>{X(bucket)}</BucketName>" +
        "<RequestId>req-1</RequestId><HostId>host-1</HostId></Error>", status);
}

/// <summary>A bucket in one region; <see cref="SseAlgorithm"/> null: no default encryption rule.</summary>
public sealed class FakeBucket(string name, string region)
{
    public string Name { get; } = name;

    public string Region { get; } = region;

    public string? Policy { get; set; }

    /// <summary>AES256, aws:kms or aws:kms:dsse.</summary>
    public string? SseAlgorithm { get; set; } = "AES256";

    public string? KmsKeyId { get; set; }
}
