using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Partitions;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Issue 8.12: the partition comes from the region (AWSSDK.Core's partition data) and decides every host,
/// IAM's signing region and every ARN. One region or more per partition; the fake checks the signing region.
/// </summary>
[Trait("Category", "Aws")]
public sealed class AwsPartitionTests
{
    public static TheoryData<string, string, string, string, string> Regions => new()
    {
        // region, partition, IAM host, IAM signing region, Redshift host
        { "us-east-1", "aws", "iam.amazonaws.com", "us-east-1", "redshift.us-east-1.amazonaws.com" },
        { "eu-west-1", "aws", "iam.amazonaws.com", "us-east-1", "redshift.eu-west-1.amazonaws.com" },
        { "cn-north-1", "aws-cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "redshift.cn-north-1.amazonaws.com.cn" },
        { "cn-northwest-1", "aws-cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "redshift.cn-northwest-1.amazonaws.com.cn" },
        { "us-gov-west-1", "aws-us-gov", "iam.us-gov.amazonaws.com", "us-gov-west-1", "redshift.us-gov-west-1.amazonaws.com" },
        { "us-gov-east-1", "aws-us-gov", "iam.us-gov.amazonaws.com", "us-gov-west-1", "redshift.us-gov-east-1.amazonaws.com" },
    };

    [Theory]
    [MemberData(nameof(Regions))]
    public void Partition_hosts_and_iam_signing_region_follow_the_region(
        string region, string partition, string iamHost, string iamSigningRegion, string redshiftHost)
    {
        var resolver = new AwsEndpointResolver(_ => null);
        var options = new AwsClientOptions(region);
        var suffix = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

        Assert.Equal(partition, AwsPartition.ForRegion(region).Name);
        Assert.Equal($"https://{iamHost}/", resolver.Resolve(AwsService.Iam, options).ToString());
        Assert.Equal(iamSigningRegion, AwsService.Iam.SigningRegion(region));
        Assert.Equal($"https://{redshiftHost}/", resolver.Resolve(AwsService.Redshift, options).ToString());
        Assert.Equal($"https://redshift-serverless.{region}.{suffix}/", resolver.Resolve(AwsService.RedshiftServerless, options).ToString());
        Assert.Equal($"https://ec2.{region}.{suffix}/", resolver.Resolve(AwsService.Ec2, options).ToString());
        Assert.Equal(region, AwsService.Redshift.SigningRegion(region));
    }

    [Theory]
    [MemberData(nameof(Regions))]
    public void Arns_carry_the_partition(string region, string partition, string iamHost, string iamSigningRegion, string redshiftHost)
    {
        _ = (iamHost, iamSigningRegion, redshiftHost);

        Assert.Equal(
            $"arn:{partition}:redshift:{region}:123456789012:dbuser:cargo-cluster/cargo_user",
            AwsPartition.ForRegion(region).Arn("redshift", region, "123456789012", "dbuser:cargo-cluster/cargo_user"));
    }

    [Theory]
    [MemberData(nameof(Regions))]
    public async Task Every_client_is_signed_for_the_region_the_fake_expects(
        string region, string partition, string iamHost, string iamSigningRegion, string redshiftHost)
    {
        _ = (partition, iamHost, redshiftHost);
        using var fake = new FakeAwsEndpoint(region);
        using var clients = fake.CreateClients();
        fake.Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn, "{}"))
            .Respond("DescribeClusters", DescribeClusters(null, Cluster()))
            .Respond("GetWorkgroup", GetWorkgroup())
            .Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup("sg-1")));
        var ct = TestContext.Current.CancellationToken;

        await clients.Iam.GetRoleAsync(CustomerRoleName, ct);
        await clients.Redshift.DescribeClustersAsync("cargo-cluster", ct);
        await clients.RedshiftServerless.GetWorkgroupAsync("cargo-wg", ct);
        await clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], ct);

        Assert.Empty(fake.SigningProblems);
        Assert.Equal(
            [("iam", iamSigningRegion), ("redshift", region), ("redshift-serverless", region), ("ec2", region)],
            fake.Requests.Select(r => (r.SigningService, r.SigningRegion)));
    }

    [Fact]
    public async Task The_fake_rejects_iam_signed_for_the_wrong_partition_region()
    {
        using var fake = new FakeAwsEndpoint("cn-north-1");
        using var clients = AwsClients.Create(fake.ClientOptions("eu-west-1"));
        fake.Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn, "{}"));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Iam.GetRoleAsync(CustomerRoleName, TestContext.Current.CancellationToken));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Contains("Credential should be scoped to a valid region", error.Message);
        Assert.Single(fake.SigningProblems);
    }
}
