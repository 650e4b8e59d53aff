using Cargo.Doctor.Quoting;
using Cargo.Doctor.Sources.Aws;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>
/// The fixed file names of a vendor evidence folder (<c>cargo-doctor vendor --aws-evidence DIR</c>): Cargo's role under
/// the customer side's names (<see cref="AwsEvidenceFiles"/>), then the bucket and its key. The README's vendor section
/// lists the same commands.
/// </summary>
public static class VendorEvidenceFiles
{
    public const string GetBucketLocation = "get-bucket-location.json";
    public const string GetBucketPolicy = "get-bucket-policy.json";
    public const string GetBucketEncryption = "get-bucket-encryption.json";
    public const string DescribeKey = "describe-key.json";
    public const string GetKeyPolicy = "get-key-policy.json";
    public const string ListGrants = "list-grants.json";

    /// <summary>
    /// The commands that fill the folder, with this run's values where it knows them. Commands whose normal answer may be
    /// an error (no bucket policy, a role that does not exist, grants that may not be listed) keep it with <c>2&gt;&amp;1</c>:
    /// the file then holds the CLI's error line, which the reader understands.
    /// </summary>
    public static IReadOnlyList<string> Commands(VendorReadRequest request, string? bucketRegion = null, string? keyId = null)
    {
        var role = Q(request.CargoRoleArn[(request.CargoRoleArn.LastIndexOf('/') + 1)..]);
        var bucket = Q(request.Bucket);
        var region = Q(bucketRegion ?? "<bucket-region>");
        var key = Q(keyId ?? "<KMSMasterKeyID>");
        return
        [
            $"aws sts get-caller-identity --output json > {AwsEvidenceFiles.GetCallerIdentity}",
            $"aws iam get-role --role-name {role} --output json > {AwsEvidenceFiles.GetRole} 2>&1",
            $"aws iam list-attached-role-policies --role-name {role} --output json > {AwsEvidenceFiles.ListAttachedRolePolicies}",
            $"aws iam list-role-policies --role-name {role} --output json > {AwsEvidenceFiles.ListRolePolicies}",
            "aws iam get-policy-version --policy-arn <policy-arn> --version-id \"$(aws iam get-policy --policy-arn <policy-arn> --query Policy.DefaultVersionId --output text)\" --output json > get-policy-version.<policy-name>.json   # each attached policy and the boundary",
            $"aws iam get-role-policy --role-name {role} --policy-name <policy-name> --output json > get-role-policy.<policy-name>.json   # each inline policy",
            $"aws s3api get-bucket-location --bucket {bucket} --region {Q(request.Region)} --output json > {GetBucketLocation}",
            $"aws s3api get-bucket-policy --bucket {bucket} --region {region} --output json > {GetBucketPolicy} 2>&1",
            $"aws s3api get-bucket-encryption --bucket {bucket} --region {region} --output json > {GetBucketEncryption} 2>&1",
            $"aws kms describe-key --key-id {key} --region {region} --output json > {DescribeKey}   # SSE-KMS only",
            $"aws kms get-key-policy --key-id {key} --policy-name default --region {region} --output json > {GetKeyPolicy}",
            $"aws kms list-grants --key-id {key} --region {region} --output json > {ListGrants} 2>&1",
        ];
    }

    private static string Q(string value) => value.StartsWith('<') ? value : ShellQuote.Arg(value);
}
