using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Vendor;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Vendor;

/// <summary>
/// Issue 25: a bucket in another region than the warehouse needs REGION in every COPY and UNLOAD
/// (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html).
/// </summary>
[Trait("Category", "Aws")]
public sealed class BucketRegionScenarioTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task a_bucket_in_the_warehouse_region_passes()
    {
        Assert.Equal(CheckStatus.Pass, (await scenario.VendorAsync())[BucketRegionRule.Id].Status);
    }

    [Fact]
    public async Task a_bucket_in_another_region_fails_saying_region_must_be_named()
    {
        scenario.Fake.OtherRegions.Add("us-east-1");
        scenario.Cargo.Buckets[VendorScenario.Bucket] = new FakeBucket(VendorScenario.Bucket, "us-east-1");

        var result = await scenario.VendorAsync();
        var finding = result[BucketRegionRule.Id];

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("REGION 'us-east-1'", finding.Summary);
        Assert.Contains(finding.Remediation, r => r.Text.Contains("REGION 'us-east-1'", StringComparison.Ordinal));
        // Exactly this check: the other vendor checks still pass.
        Assert.Equal(CheckStatus.Pass, result[BucketAccessRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[TrustsCustomerRoleRule.Id].Status);
    }
}
