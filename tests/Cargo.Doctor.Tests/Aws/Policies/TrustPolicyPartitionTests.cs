using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

/// <summary>Issue 8.12: the dbuser ARN the trust review tells the customer to expect carries the region's partition.</summary>
[Trait("Category", "Unit")]
public sealed class TrustPolicyPartitionTests
{
    [Theory]
    [InlineData("eu-west-1", "arn:aws:redshift:eu-west-1:<account>")]
    [InlineData("cn-north-1", "arn:aws-cn:redshift:cn-north-1:<account>")]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:redshift:us-gov-west-1:<account>")]
    public void ExternalId_hint_names_the_partitions_dbuser_arn(string region, string expectedPrefix)
    {
        var trust = PolicyDocumentParser.Parse("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"something"}}}]}
            """);

        var report = TrustPolicyAnalyzer.Analyze(trust, new TrustPolicyContext(false, region));

        Assert.Contains(report.Issues, i => i.Text.Contains($"({expectedPrefix}:dbuser:<cluster>/<user>)", StringComparison.Ordinal));
    }
}
