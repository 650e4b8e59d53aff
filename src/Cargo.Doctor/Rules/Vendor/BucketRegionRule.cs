using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Vendor;

/// <summary>
/// vendor.bucket-region: the bucket's region against the warehouse's. COPY and UNLOAD assume the bucket is in the
/// warehouse's region unless the statement says REGION; otherwise S3 answers "The bucket you are attempting to access
/// must be addressed using the specified endpoint" (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html, https://docs.aws.amazon.com/redshift/latest/dg/s3serviceexception-error.html).
/// </summary>
public sealed class BucketRegionRule : IRule
{
    public const string Id = "vendor.bucket-region";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!VendorRequirement.TryGet(context, out var vendor, out var skipped))
        {
            return skipped;
        }

        if (vendor.BucketRegion is not { } bucketRegion)
        {
            return context.Unknown($"the region of bucket {vendor.Bucket} could not be read: {vendor.BucketRegionGap}");
        }

        var details = new List<string> { $"bucket {vendor.Bucket}: {bucketRegion}", $"warehouse: {vendor.Region}" };
        if (string.Equals(bucketRegion, vendor.Region, StringComparison.Ordinal))
        {
            return context.Pass($"bucket {vendor.Bucket} is in the warehouse's region {vendor.Region}: COPY and UNLOAD need no REGION", details);
        }

        return context.Fail($"bucket {vendor.Bucket} is in {bucketRegion}, the warehouse in {vendor.Region}: every COPY and UNLOAD Cargo runs must say REGION {SqlQuote.Literal(bucketRegion)}", details,
            context.Remedy("add-region", ("bucket", vendor.Bucket), ("region_sql", SqlQuote.Literal(bucketRegion)), ("warehouse_region", vendor.Region)));
    }
}
