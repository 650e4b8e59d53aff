using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 13.15: a corrupt file in the <c>--aws-evidence</c> folder is named as the cause in the findings
/// that need it, never hidden behind a "pass --role-arn" hint.
/// </summary>
[Trait("Category", "Unit")]
public sealed class UnreadableEvidenceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cargo-doctor-evidence-").FullName;

    public UnreadableEvidenceTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Cargo.Doctor.Tests.Reports.SampleFactsTests.RepositoryRoot(), "samples", "aws-evidence")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task corrupt_get_role_file_is_named_in_every_finding_that_needs_the_role()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "get-role.json"), "{ \"Role\": { \"RoleName\": ", TestContext.Current.CancellationToken);

        var result = await CheckAsync(roleArn: null);

        foreach (var id in new[] { TrustPolicyRule.Id, AssumeCargoRoleRule.Id, RoleAttachedRule.Id })
        {
            var finding = result[id];
            Assert.True(finding.Status == CheckStatus.Unknown, result.Describe());
            Assert.Contains("get-role.json cannot be read as JSON", finding.Text());
            Assert.DoesNotContain("pass --role-arn", finding.Text());
        }
    }

    [Fact]
    public async Task corrupt_describe_clusters_file_is_named_not_a_role_arn_hint()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "describe-clusters.json"), "not json", TestContext.Current.CancellationToken);

        var result = await CheckAsync(roleArn: null, region: "eu-west-1");

        foreach (var id in new[] { TrustPolicyRule.Id, RoleAttachedRule.Id, PubliclyAccessibleRule.Id })
        {
            Assert.True(result[id].Status == CheckStatus.Unknown, result.Describe());
            Assert.Contains("describe-clusters.json cannot be read as JSON", result[id].Text());
            Assert.DoesNotContain("pass --role-arn", result[id].Text());
        }
    }

    [Fact]
    public async Task corrupt_describe_clusters_without_region_is_a_config_error_naming_the_file()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "describe-clusters.json"), "not json", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<UsageException>(() => CheckAsync(roleArn: null));

        Assert.StartsWith("pass --region: the evidence folder does not name the region (describe-clusters.json cannot be read as JSON", error.Message);
    }

    private async Task<CheckResult> CheckAsync(string? roleArn, string? region = null)
    {
        var config = new DoctorConfig
        {
            Aws = new AwsConfig { EvidenceDir = folder, Region = region, ClusterIdentifier = ClusterId, RoleArn = roleArn },
            Cargo = new CargoConfig { Ips = [CargoIpCidr], RoleArn = CargoRoleArn },
        };
        var facts = await new FactsCollector(config, null, resolveHost: FakeDns.Public.ResolveAsync)
            .CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        return new CheckResult(facts, AwsScenario.Run(facts), 0);
    }
}
