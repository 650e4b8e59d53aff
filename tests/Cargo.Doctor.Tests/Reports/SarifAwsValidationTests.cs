using System.Text.Json;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports.Sarif;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Cli;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>
/// Issue 26: report.sarif from a live AWS scenario (the CLI against the loopback AWS fake, with the
/// customer role unable to assume Cargo's role and the port closed to Cargo) validates with no error,
/// and each failing AWS finding is a result located at its AWS resource and fingerprinted by its item.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class SarifAwsValidationTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task a_live_aws_run_validates_and_locates_failing_iam_and_net_results_at_their_resource()
    {
        fake.CannotAssumeCargoRole()
            // An address literal: the child process resolves the endpoint with no DNS lookup.
            .Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], endpointAddress: FakeDns.PublicAddress, networkXml: FakeVpcResponses.ClusterNetworkXml())))
            .Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(cidrs: ["10.0.0.0/8"]))));
        var repo = Directory.CreateTempSubdirectory("sarif-aws-repo").FullName;
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        var anchor = Path.Combine(repo, "main.tf");
        await File.WriteAllTextAsync(anchor, "resource \"aws_redshift_cluster\" \"cargo\" {}\n", TestContext.Current.CancellationToken);
        var outDir = Path.Combine(repo, "out");

        var run = await CliProcess.RunAsync(
            [
                "check", "--cluster", ClusterId, "--region", "eu-west-1", "--role-arn", CustomerRoleArn,
                "--cargo-role-arn", CargoRoleArn, "--cargo-ip", CargoIpCidr, "--out", outDir, "--format", "sarif", "--sarif-anchor", anchor,
            ],
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = fake.Url.ToString(),
                ["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.SecretKey,
                ["AWS_MAX_ATTEMPTS"] = "1", // no real back-off waits in a child process
                ["CI"] = "true",
            });

        Assert.True(run.ExitCode == 1, run.ToString());
        var sarif = Path.Combine(outDir, "report.sarif");
        var results = JsonDocument.Parse(await File.ReadAllTextAsync(sarif, TestContext.Current.CancellationToken))
            .RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        var assume = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == AssumeCargoRoleRule.Id);
        Assert.Equal("error", assume.GetProperty("level").GetString());
        Assert.Equal(CustomerRoleArn, Logical(assume).GetProperty("fullyQualifiedName").GetString());
        Assert.StartsWith($"{AssumeCargoRoleRule.Id}:", Fingerprint(assume));

        var ingress = FindingItemIdentity.Of(IngressRule.Id, ItemKey.Of(("ip", CargoIpCidr), ("state", "not-admitted")));
        var closed = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == IngressRule.Id);
        Assert.Equal("error", closed.GetProperty("level").GetString());
        Assert.Equal(ingress, Fingerprint(closed));
        Assert.Equal(ClusterId, Logical(closed).GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("main.tf", closed.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());

        Assert.Empty(await SarifValidator.ErrorsAsync(sarif, gitHubRules: true));
    }

    private static JsonElement Logical(JsonElement result) => result.GetProperty("locations")[0].GetProperty("logicalLocations")[0];

    private static string? Fingerprint(JsonElement result) => result.GetProperty("partialFingerprints").GetProperty(SarifReportRenderer.FingerprintName).GetString();
}
