using System.Text.Json;
using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>
/// Issue 8.12: whole runs against a fake that plays a region of each partition (it rejects IAM signed for
/// another partition's region). Redshift passes the Cargo user's dbuser ARN, in the region's partition, as
/// sts:ExternalId, so a trust policy that requires it passes only when the doctor builds the same ARN.
/// </summary>
[Trait("Category", "Aws")]
public sealed class AwsPartitionScenarioTests
{
    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("eu-west-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public async Task trust_requiring_the_partitions_dbuser_arn_as_external_id_passes(string region, string partition)
    {
        using var fake = new FakeAwsEndpoint(region);
        var roleArn = $"arn:{partition}:iam::{AccountId}:role/{CustomerRoleName}";
        var dbUser = $"arn:{partition}:redshift:{region}:{AccountId}:dbuser:{ClusterId}/cargo_user";
        var trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"""
            + JsonSerializer.Serialize(dbUser) + "}}}]}";
        fake.AllGoodProvisioned().Respond("GetRole", GetRole(CustomerRoleName, roleArn, trust));
        var config = AwsScenario.Provisioned(roleArn) with
        {
            Aws = new AwsConfig { Region = region, ClusterIdentifier = ClusterId, RoleArn = roleArn },
            Warehouse = new WarehouseConfig { User = "cargo_user" },
        };

        var result = await fake.CheckAsync(config);

        Assert.Equal(CheckStatus.Pass, result[TrustPolicyRule.Id].Status);
        Assert.Empty(fake.SigningProblems);
    }
}
