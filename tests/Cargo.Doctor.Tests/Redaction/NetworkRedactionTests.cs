using System.Text.RegularExpressions;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Redaction;

/// <summary>
/// Issue 23: <c>--redact</c> tokenises the network facts that identify the customer (VPC, subnet, route-table, ACL,
/// gateway, endpoint, network-interface and prefix-list ids, private and public IPs, the subnet group, endpoint policy
/// buckets) in every report, the facts file and the fix scripts, as <c>check --redact</c> writes them (ReportOutcome).
/// </summary>
[Trait("Category", "Aws")]
public sealed class NetworkRedactionTests : IDisposable
{
    private const string Bucket = "cargo-exchange";

    private static readonly string[] VpcNames =
    [
        "vpc-0abc", "subnet-0a", "subnet-0b", "rtb-0main", "acl-0default", "acl-0custom", "igw-0main", "nat-0egress", "vpce-0s3gw", "vpce-0s3if",
        "pl-0cargo", "pcx-0peer", "10.0.1.0", "10.0.2.0", "10.0.0.0", "3.248.0.10", "3.248.0.0", "other-bucket", "company-logs", Bucket,
        FakeAwsResponses.AccountId,
    ];

    private readonly FakeAwsEndpoint fake = new();
    private readonly string folder = Directory.CreateTempSubdirectory("net-redact-").FullName;

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task a_redacted_cluster_run_writes_no_network_name_in_any_file()
    {
        var (account, cluster, vpc) = fake.PublicClusterInVpc();
        Break(account, vpc);
        cluster.EnhancedVpcRouting = true;

        await AssertRedactedAsync(AwsScenario.Provisioned(), [.. VpcNames, FakeVpcResponses.SubnetGroupName, "10.0.1.10", "54.170.0.10"]);
    }

    [Fact]
    public async Task a_redacted_workgroup_run_writes_no_network_interface_or_its_addresses()
    {
        var (account, workgroup, vpc) = fake.PublicWorkgroupInVpc();
        Break(account, vpc);
        workgroup.EnhancedVpcRouting = true;

        await AssertRedactedAsync(AwsScenario.Serverless(), [.. VpcNames, "eni-0wg", "10.0.1.20", "54.170.0.20"]);
    }

    /// <summary>A NAT default route, a prefix-list route to a peering, an ACL deny and endpoints whose policies name other buckets: every net.* check has ids to print.</summary>
    private static void Break(FakeAwsAccount account, FakeVpc vpc)
    {
        account.PrefixLists["pl-0cargo"] = ["3.248.0.0/24"];
        vpc.DefaultRouteToNat().RouteTables.Single(t => t.IsMain).Routes.Add(new FakeRoute("pl-0cargo", "pcx-0peer"));
        vpc.AclDenyBeforeAllow();
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor("other-bucket")).Endpoints.Add(FakeAwsVpcScenarios.S3InterfaceEndpoint());
    }

    private async Task AssertRedactedAsync(DoctorConfig config, string[] originals)
    {
        config = config with { Cargo = config.Cargo with { Bucket = Bucket, Prefix = "customers/acme" } };
        var result = await fake.CheckAsync(config);
        var facts = FactsJson.Serialize(result.Facts);
        Assert.All(originals, original => Assert.Contains(original, facts));
        Assert.All([RouteRule.Id, NetworkAclRule.Id, DataPathRule.Id], id => Assert.Equal(CheckStatus.Fail, result[id].Status));

        // As ReportOutcome does for --redact: the rules ran on the real facts; facts and findings share one token map.
        var output = RedactedOutput.Of(result.Facts);
        var findings = result.Findings.Select(output.Redact).ToList();
        var report = Report.Create(output.Facts, CatalogLoader.LoadDefault(), findings, TimeSpan.Zero);
        Assert.Empty(ReportWriter.WriteEach(report, folder, [.. ReportWriter.All, .. ReportWriter.FixScripts]).Unwritten);
        await File.WriteAllTextAsync(Path.Combine(folder, "facts.json"), FactsJson.Serialize(output.Facts), TestContext.Current.CancellationToken);

        Assert.Contains("route_table_1", await File.ReadAllTextAsync(Path.Combine(folder, "fix-aws.sh"), TestContext.Current.CancellationToken));
        foreach (var file in Directory.GetFiles(folder))
        {
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            foreach (var original in originals)
            {
                Assert.False(Regex.IsMatch(text, $"(?<![A-Za-z0-9_]){Regex.Escape(original)}(?![A-Za-z0-9_])"), $"{Path.GetFileName(file)} contains {original}");
            }
        }

        // Replaying the redacted facts never gives another verdict than the real one, except unknown.
        var real = result.Findings.ToDictionary(f => f.CheckId, f => f.Status);
        Assert.All(AwsScenario.Run(output.Facts).Where(f => f.CheckId.StartsWith("net.", StringComparison.Ordinal)),
            f => Assert.True(f.Status == real[f.CheckId] || f.Status == CheckStatus.Unknown, $"{f.CheckId}: {real[f.CheckId]} became {f.Status}: {f.Summary}"));
    }
}
