using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Checks.Net;

/// <summary>
/// net.publicly-accessible (Issue 8.7): the doctor often reaches the warehouse through an SSH tunnel, a
/// VPN or a bastion; the verdict is about the endpoint Cargo is given (the cluster's or workgroup's own
/// endpoint address), resolved by the source through an injected resolver, never the real network.
/// </summary>
[Trait("Category", "Aws")]
public sealed class PubliclyAccessibleTests : IDisposable
{
    private const string CheckId = PubliclyAccessibleRule.Id;
    private const string ClusterEndpoint = "cargo-cluster.abc123xyz789.eu-west-1.redshift.amazonaws.com";
    private const string WorkgroupEndpoint = "cargo-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com";

    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    public async Task tunnel_or_vpn_host_with_a_public_cluster_passes_and_names_the_endpoint_for_cargo(string doctorHost)
    {
        var dns = FakeDns.With((ClusterEndpoint, [FakeDns.PublicAddress]));
        fake.AllGoodProvisioned();

        var result = await CheckAsync(AwsScenario.Provisioned(), doctorHost, dns);

        var finding = result[CheckId];
        Assert.True(finding.Status == CheckStatus.Pass, result.Describe());
        Assert.Contains($"give Cargo {ClusterEndpoint}:5439", finding.Summary);
        Assert.Contains(finding.Details, d => d.Contains(doctorHost, StringComparison.Ordinal) && d.Contains("tunnel", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d == $"{ClusterEndpoint} resolves to {FakeDns.PublicAddress}");
        Assert.Equal([ClusterEndpoint], dns.Queries);
    }

    [Fact]
    public async Task tunnel_to_a_public_workgroup_names_the_workgroup_endpoint()
    {
        fake.AllGoodServerless();

        var result = await CheckAsync(AwsScenario.Serverless(), "127.0.0.1", FakeDns.With((WorkgroupEndpoint, [FakeDns.PublicAddress])));

        Assert.True(result[CheckId].Status == CheckStatus.Pass, result.Describe());
        Assert.Contains($"give Cargo {WorkgroupEndpoint}:5439", result[CheckId].Summary);
    }

    [Fact]
    public async Task the_endpoint_itself_as_host_passes_without_a_tunnel_note()
    {
        fake.AllGoodProvisioned();

        var result = await CheckAsync(AwsScenario.Provisioned(), ClusterEndpoint, FakeDns.With((ClusterEndpoint, [FakeDns.PublicAddress])));

        Assert.True(result[CheckId].Status == CheckStatus.Pass, result.Describe());
        Assert.Equal("cluster cargo-cluster is publicly accessible and its endpoint resolves to a public address", result[CheckId].Summary);
        Assert.DoesNotContain(result[CheckId].Details, d => d.Contains("tunnel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task public_cluster_whose_endpoint_resolves_only_to_private_addresses_is_a_warning_not_a_pass()
    {
        fake.AllGoodProvisioned();

        var result = await CheckAsync(AwsScenario.Provisioned(), "127.0.0.1", FakeDns.With((ClusterEndpoint, ["10.0.5.6"])));

        var finding = result[CheckId];
        Assert.True(finding.Status == CheckStatus.Warn, result.Describe());
        Assert.Contains($"{ClusterEndpoint} resolves only to private address 10.0.5.6", finding.Summary);
        Assert.Contains(finding.Details, d => d.Contains("inside its VPC", StringComparison.Ordinal));
    }

    [Fact]
    public async Task endpoint_that_does_not_resolve_is_unknown_never_a_pass()
    {
        fake.AllGoodProvisioned();

        var result = await CheckAsync(AwsScenario.Provisioned(), null, FakeDns.With());

        Assert.True(result[CheckId].Status == CheckStatus.Unknown, result.Describe());
        Assert.Contains($"{ClusterEndpoint} did not resolve", result[CheckId].Summary);
    }

    [Fact]
    public async Task not_publicly_accessible_still_fails_whatever_host_the_doctor_uses()
    {
        fake.AllGoodProvisioned().Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, publiclyAccessible: false, securityGroupIds: [SecurityGroupId])));

        var result = await CheckAsync(AwsScenario.Provisioned(), "127.0.0.1", FakeDns.Public);

        Assert.True(result[CheckId].Status == CheckStatus.Fail, result.Describe());
        Assert.Equal("cluster cargo-cluster is not publicly accessible", result[CheckId].Summary);
    }

    [Fact]
    public async Task unreadable_cluster_and_a_private_host_warns_for_the_host_cargo_would_be_given()
    {
        fake.AllGoodProvisioned().Respond("DescribeClusters", QueryAccessDenied("redshift:DescribeClusters"));

        var result = await CheckAsync(AwsScenario.Provisioned(), "10.1.2.3", FakeDns.With());

        var finding = result[CheckId];
        Assert.True(finding.Status == CheckStatus.Warn, result.Describe());
        Assert.Contains("10.1.2.3 resolves only to private address 10.1.2.3", finding.Summary);
        Assert.Contains("SSH", finding.Text());
        Assert.NotEmpty(finding.Remediation);
    }

    [Fact]
    public async Task a_private_resolution_gives_the_same_verdict_whether_or_not_the_cluster_was_read()
    {
        // Issue 20 item 7: it failed without the cluster and warned with it.
        var host = "cargo-cluster.abc.eu-west-1.redshift.amazonaws.com";
        var dns = FakeDns.With((host, ["10.1.2.3"]));
        fake.AllGoodProvisioned().Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], endpointAddress: host)));
        var read = (await CheckAsync(AwsScenario.Provisioned(), host, dns))[CheckId];

        fake.Respond("DescribeClusters", QueryAccessDenied("redshift:DescribeClusters"));
        var unread = (await CheckAsync(AwsScenario.Provisioned(), host, dns))[CheckId];

        Assert.Equal(CheckStatus.Warn, read.Status);
        Assert.Equal(read.Status, unread.Status);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task unreadable_cluster_and_a_loopback_host_is_a_warning_about_the_tunnel(string doctorHost)
    {
        fake.AllGoodProvisioned().Respond("DescribeClusters", QueryAccessDenied("redshift:DescribeClusters"));

        var result = await CheckAsync(AwsScenario.Provisioned(), doctorHost, FakeDns.With(("localhost", ["127.0.0.1"])));

        var finding = result[CheckId];
        Assert.True(finding.Status == CheckStatus.Warn, result.Describe());
        Assert.Contains("tunnel", finding.Summary);
        Assert.Contains("redshift:DescribeClusters", finding.Text());
    }

    [Fact]
    public async Task verdict_replays_from_the_facts_file_without_resolving_again()
    {
        fake.AllGoodProvisioned();
        var live = await CheckAsync(AwsScenario.Provisioned(), "127.0.0.1", FakeDns.With((ClusterEndpoint, ["10.0.5.6"])));

        var replayed = AwsScenario.Run(FactsJson.Deserialize(FactsJson.Serialize(live.Facts))).Single(f => f.CheckId == CheckId);

        Assert.Equal((live[CheckId].Status, live[CheckId].Summary), (replayed.Status, replayed.Summary));
    }

    private async Task<CheckResult> CheckAsync(DoctorConfig config, string? doctorHost, FakeDns dns)
    {
        // The warehouse itself is not examined here: only the host the doctor was given matters.
        config = config with { Warehouse = config.Warehouse with { Host = doctorHost } };
        var aws = await Cargo.Doctor.Sources.Aws.AwsFactsSource.ReadAsync(config, fake.ClientOptions(), dns.ResolveAsync, TestContext.Current.CancellationToken);
        var facts = new FactsSnapshot { ToolVersion = "t", StartedAt = DateTimeOffset.UtcNow, Target = FactsCollector.Describe(config), Aws = aws };
        return new CheckResult(facts, AwsScenario.Run(facts), 0);
    }

    [Fact]
    public async Task cluster_not_publicly_accessible_fails_with_modify_cluster()
    {
        fake.AllGoodProvisioned().Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, publiclyAccessible: false, securityGroupIds: [SecurityGroupId])));

        var publicly = (await fake.CheckAsync(AwsScenario.Provisioned()))[PubliclyAccessibleRule.Id];

        Assert.Equal(CheckStatus.Fail, publicly.Status);
        Assert.Equal("cluster cargo-cluster is not publicly accessible", publicly.Summary);
        Assert.Equal("aws redshift modify-cluster --cluster-identifier 'cargo-cluster' --publicly-accessible --region 'eu-west-1'", publicly.Sh());
        Assert.Contains(publicly.Remediation, r => r.Kind == "console" && r.Text.Contains("Turn on Publicly accessible", StringComparison.Ordinal));
    }

    [Fact]
    public async Task workgroup_not_publicly_accessible_fails_with_update_workgroup()
    {
        fake.AllGoodServerless().Respond("GetWorkgroup", GetWorkgroup(WorkgroupName, NamespaceName, publiclyAccessible: false, securityGroupIds: [SecurityGroupId]));

        var publicly = (await fake.CheckAsync(AwsScenario.Serverless()))[PubliclyAccessibleRule.Id];

        Assert.Equal(CheckStatus.Fail, publicly.Status);
        Assert.Equal("aws redshift-serverless update-workgroup --workgroup-name 'cargo-wg' --publicly-accessible --region 'eu-west-1'", publicly.Sh());
    }
}
