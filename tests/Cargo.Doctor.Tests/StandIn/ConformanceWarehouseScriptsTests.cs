using Cargo.Doctor.Tests.Fixtures;
using YamlDotNet.Serialization;

namespace Cargo.Doctor.Tests.StandIn;

/// <summary>
/// Every conformance case's warehouse script (conformance/warehouse/*.yaml: Redshift SQL run in order by a
/// superuser in an empty database dev) runs through the stand-in's SQL path without error, each on a fresh
/// cluster state (users are cluster-wide and every case creates cargo_user).
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class ConformanceWarehouseScriptsTests(PostgresServer server, DedicatedStandIn rs) : IClassFixture<PostgresServer>, IClassFixture<DedicatedStandIn>
{
    public static TheoryData<string> Cases => new(CaseFiles().Select(Path.GetFileNameWithoutExtension).OfType<string>());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task the_case_setup_runs_through_the_stand_in(string id)
    {
        Assert.NotNull(server);
        var file = CaseFiles().Single(f => Path.GetFileNameWithoutExtension(f) == id);
        var fields = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        var script = Assert.IsType<string>(fields["warehouse"]);
        await rs.FreshAsync();

        await rs.RedshiftAsync(script);

        Assert.Equal(id, fields["id"]);
    }

    /// <summary>The cases: $CARGO_CONFORMANCE_DIR, a conformance folder above the test binaries, or the shared one.</summary>
    private static string[] CaseFiles()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("CARGO_CONFORMANCE_DIR") };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "conformance"));
        }

        candidates.Add("/work/shared/conformance");
        var root = candidates.OfType<string>().FirstOrDefault(c => Directory.Exists(Path.Combine(c, "warehouse")))
            ?? throw new InvalidOperationException("no conformance/warehouse folder found: set CARGO_CONFORMANCE_DIR");
        var files = Directory.GetFiles(Path.Combine(root, "warehouse"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files : throw new InvalidOperationException($"no case in {root}/warehouse");
    }
}
