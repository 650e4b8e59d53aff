using System.Text.Json.Nodes;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Sources.Aws;
using Cargo.Doctor.Tests.Aws;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>
/// An evidence file listing several clusters (describe-clusters without --cluster-identifier): the cluster
/// named by --cluster, else the one whose endpoint address is the --endpoint host; still ambiguous, the target
/// is a gap naming the candidates (the checks say unknown). Never the first by position: the fix would change
/// another warehouse.
/// </summary>
[Trait("Category", "Aws")]
public sealed class EvidenceTargetSelectionTests : IDisposable
{
    private const string CargoAddress = "cargo-cluster.abc123xyz789.eu-west-1.redshift.amazonaws.com";
    private readonly string folder = Directory.CreateTempSubdirectory("evidence-several-").FullName;

    public EvidenceTargetSelectionTests()
    {
        foreach (var file in Directory.GetFiles(Samples()))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        // Another cluster first, as describe-clusters without --cluster-identifier may list it.
        var path = Path.Combine(folder, "describe-clusters.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var clusters = root["Clusters"]!.AsArray();
        var other = clusters[0]!.DeepClone();
        other["ClusterIdentifier"] = "finance-cluster";
        other["Endpoint"]!["Address"] = "finance-cluster.abc123xyz789.eu-west-1.redshift.amazonaws.com";
        clusters.Insert(0, other);
        File.WriteAllText(path, root.ToJsonString());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task the_cluster_whose_endpoint_is_the_endpoint_host_is_chosen_not_the_first()
    {
        var aws = await ReadAsync(cluster: null, host: CargoAddress);

        Assert.Equal("cargo-cluster", aws.Target?.Identifier);
    }

    [Fact]
    public async Task the_named_cluster_is_chosen()
    {
        var aws = await ReadAsync(cluster: "cargo-cluster", host: null);

        Assert.Equal("cargo-cluster", aws.Target?.Identifier);
    }

    [Fact]
    public async Task without_a_name_or_a_matching_endpoint_the_target_is_unknown_naming_the_candidates()
    {
        var aws = await ReadAsync(cluster: null, host: "tunnel.example.com");

        Assert.Null(aws.Target);
        Assert.Contains("lists 2 clusters (finance-cluster, cargo-cluster)", aws.TargetGap?.Reason, StringComparison.Ordinal);
        Assert.Contains("pass --cluster", aws.TargetGap?.Reason, StringComparison.Ordinal);
    }

    private async Task<AwsFacts> ReadAsync(string? cluster, string? host)
    {
        var config = new DoctorConfig
        {
            Warehouse = new WarehouseConfig { Host = host },
            Aws = new AwsConfig { EvidenceDir = folder, Region = "eu-west-1", ClusterIdentifier = cluster },
            Cargo = new CargoConfig { Ips = ["3.248.0.10/32"] },
        };
        return await AwsFactsSource.ReadAsync(config, resolveHost: FakeDns.Public.ResolveAsync, ct: TestContext.Current.CancellationToken);
    }

    private static string Samples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cargo.Doctor.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "aws-evidence");
            }
        }

        throw new DirectoryNotFoundException("samples/aws-evidence not found above the test binary");
    }
}
