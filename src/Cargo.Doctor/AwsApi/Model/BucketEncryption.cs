namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// The bucket's default encryption rule (GetBucketEncryption,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html): the algorithm
/// (<c>AES256</c>, <c>aws:kms</c>, <c>aws:kms:dsse</c>) and, for SSE-KMS, the key id or ARN.
/// </summary>
public sealed record BucketEncryption(string Algorithm, string? KmsKeyId, bool? BucketKeyEnabled);
