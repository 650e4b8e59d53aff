namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// REST services (S3) name the operation by method, path and query rather than Action= or X-Amz-Target: the
/// bucket subresources of botocore's s3 2006-03-01 model (GetBucketLocation "GET /{Bucket}?location",
/// GetBucketPolicy "GET /{Bucket}?policy", GetBucketEncryption "GET /{Bucket}?encryption").
/// </summary>
public sealed partial class FakeAwsEndpoint
{
    /// <summary>Regions besides <see cref="Region"/> that S3 and KMS requests may be signed for (a bucket or key elsewhere).</summary>
    public HashSet<string> OtherRegions { get; } = new(StringComparer.Ordinal);

    private static string RestOperation(string method, string query)
    {
        var keys = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        var subresource = new[] { "location", "policy", "encryption" }.FirstOrDefault(keys.Contains);
        return (method, subresource) switch
        {
            ("GET", "location") => "GetBucketLocation",
            ("GET", "policy") => "GetBucketPolicy",
            ("GET", "encryption") => "GetBucketEncryption",
            ("PUT", "policy") => "PutBucketPolicy",
            ("PUT", "encryption") => "PutBucketEncryption",
            ("DELETE", "policy") => "DeleteBucketPolicy",
            (_, null) => $"{method} object",
            _ => $"{method} ?{subresource}",
        };
    }
}
