namespace Cargo.Doctor.AwsApi.Model;

/// <summary>DescribeKey's KeyMetadata, the parts the vendor checks read (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).</summary>
public sealed record KmsKeyInfo(string KeyId, string Arn, string? AccountId, string? KeyState, string? KeyManager);
