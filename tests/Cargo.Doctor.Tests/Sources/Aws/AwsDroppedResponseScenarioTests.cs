using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>
/// Issue 8.10 (AWS half): an AWS response cut off mid-body (the fake sends the Content-Length, part of the
/// body, then aborts the socket, on every attempt) is a gap: <c>unknown</c> saying why, and the run goes on.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class AwsDroppedResponseScenarioTests : IDisposable
{
    private const string Why = "closed before the whole response arrived";

    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task security_groups_and_role_cut_off_mid_body_are_unknown_and_the_other_checks_still_run()
    {
        fake.AllGoodProvisioned()
            .Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy()).DroppedMidBody())
            .Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(cidrs: [CargoIpCidr]))).DroppedMidBody());

        var result = await fake.CheckAsync(AwsScenario.Provisioned());

        foreach (var id in new[] { IngressRule.Id, TrustPolicyRule.Id })
        {
            Assert.Equal(CheckStatus.Unknown, result[id].Status);
            Assert.Contains(Why, result[id].Text());
        }

        Assert.True(result[PubliclyAccessibleRule.Id].Status == CheckStatus.Pass, result.Describe());
        Assert.Empty(fake.SigningProblems);
    }

    [Fact]
    public async Task the_cli_writes_every_report_when_an_aws_response_is_cut_off()
    {
        fake.AllGoodProvisioned()
            // An address literal: the child process resolves the endpoint with no DNS lookup.
            .Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], endpointAddress: FakeDns.PublicAddress)))
            .Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(cidrs: [CargoIpCidr]))).DroppedMidBody());
        var outDir = Directory.CreateTempSubdirectory("dropped-aws").FullName;

        var run = await CliProcess.RunAsync(
            [
                "check", "--cluster", ClusterId, "--region", "eu-west-1", "--role-arn", CustomerRoleArn,
                "--cargo-role-arn", CargoRoleArn, "--cargo-ip", CargoIpCidr, "--out", outDir, "--format", "md,html,json,junit",
            ],
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = fake.Url.ToString(),
                ["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.SecretKey,
                ["AWS_MAX_ATTEMPTS"] = "1", // no real back-off waits in a child process
                ["CI"] = "true",
            });

        Assert.DoesNotContain("internal error", run.Stderr + run.Stdout);
        Assert.NotEqual(2, run.ExitCode);
        var written = Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToArray();
        Assert.Superset(new HashSet<string?> { "report.md", "report.html", "report.json", "report.junit.xml", "fix.sql", "fix-aws.sh" }, written.ToHashSet());
        Assert.Contains(Why, await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"), TestContext.Current.CancellationToken));
        Assert.Single(fake.RequestsFor("DescribeSecurityGroups"));
    }
}
