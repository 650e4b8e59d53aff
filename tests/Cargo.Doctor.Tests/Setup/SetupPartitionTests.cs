using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Setup;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// The role ARN placeholders in setup.sql and setup.md carry the region's partition: an <c>arn:aws:</c> ARN
/// does not exist in China or GovCloud (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
/// </summary>
[Trait("Category", "Unit")]
public sealed class SetupPartitionTests
{
    [Theory]
    [InlineData("eu-west-1", "arn:aws:iam::<your_account_id>:role/cargo-redshift-access")]
    [InlineData("cn-north-1", "arn:aws-cn:iam::<your_account_id>:role/cargo-redshift-access")]
    [InlineData("cn-northwest-1", "arn:aws-cn:iam::<your_account_id>:role/cargo-redshift-access")]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:iam::<your_account_id>:role/cargo-redshift-access")]
    public void placeholders_use_the_partition_of_the_region(string region, string expected)
    {
        var config = new DoctorConfig
        {
            Warehouse = new WarehouseConfig { Databases = ["dev"], User = "cargo_user" },
            Aws = new AwsConfig { Region = region, ClusterIdentifier = "cargo-cluster" },
        };
        var request = new SetupRequest(config, SetupRequest.DefaultCustomerRoleName);
        var catalog = CatalogLoader.LoadDefault();

        Assert.Contains(expected, SetupSqlWriter.Write(request, catalog), StringComparison.Ordinal);
        Assert.Contains(expected, SetupChecklistWriter.Write(request, catalog), StringComparison.Ordinal);
        Assert.Equal(region.StartsWith("eu-", StringComparison.Ordinal), SetupChecklistWriter.Write(request, catalog).Contains("arn:aws:iam::", StringComparison.Ordinal));
    }
}
