using Cargo.Doctor.Facts;
using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Rules.Vendor;

/// <summary>
/// One permission COPY or UNLOAD needs on Cargo's bucket, with the request it is evaluated for. "COPY must have
/// LIST access to the bucket and GET access for the bucket objects"; UNLOAD writes objects (PUT)
/// (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-access-permissions.html). GetBucketLocation is
/// in Redshift's own command policy but not named on that page: missing, it is a warning.
/// </summary>
internal sealed record BucketRequirement(string Action, string Resource, string Use, bool Documented, string? ListPrefix)
{
    /// <summary>The object path cargo-doctor's round trip writes under the prefix (its UNLOAD/COPY file names).</summary>
    public static string ObjectKey(VendorFacts vendor) => (vendor.Prefix.Length == 0 ? "" : vendor.Prefix + "/") + "cargo-doctor/part_000";

    public static IReadOnlyList<BucketRequirement> For(VendorFacts vendor)
    {
        var bucket = $"arn:aws:s3:::{vendor.Bucket}";
        var objectArn = $"{bucket}/{ObjectKey(vendor)}";
        var listPrefix = (vendor.Prefix.Length == 0 ? "" : vendor.Prefix + "/") + "cargo-doctor/part_";
        return
        [
            new("s3:PutObject", objectArn, "UNLOAD writes its files", true, null),
            new("s3:GetObject", objectArn, "COPY reads the files", true, null),
            new("s3:ListBucket", bucket, "COPY lists the prefix", true, listPrefix),
            new("s3:GetBucketLocation", bucket, "finding the bucket's region", false, null),
        ];
    }

    /// <summary>
    /// The request's condition keys as far as they are known: the caller (Cargo's role,
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) and, for ListBucket,
    /// s3:prefix (https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html). Everything
    /// else, aws:SecureTransport included, is unknown: no page says how Redshift calls S3.
    /// </summary>
    public Func<string, RequestKeyValue> Lookup(string cargoRoleArn) => key => key.ToLowerInvariant() switch
    {
        "aws:principalarn" => RequestKeyValue.Present(cargoRoleArn),
        "aws:principalaccount" when Arns.Account(cargoRoleArn) is { } account => RequestKeyValue.Present(account),
        "s3:prefix" when ListPrefix is not null => RequestKeyValue.Present(ListPrefix),
        _ => RequestKeyValue.Unknown,
    };
}
