using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.StandIn;

namespace Cargo.Doctor.Tests.Conformance;

/// <summary>
/// Every warehouse case of <c>../shared/conformance/warehouse/</c>: the case's Redshift SQL runs through the
/// stand-in's SQL path (Redshift's semantics, e.g. identifier folding) on an empty cluster of its own (every
/// case creates <c>cargo_user</c>, and users are cluster-wide), then <c>cargo-doctor check</c> runs as a
/// customer would, logged in as the case says, with the case's flags. The rows of one class run one at a time.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class WarehouseConformanceTests(PostgresServer server, DedicatedStandIn warehouse)
    : IClassFixture<PostgresServer>, IClassFixture<DedicatedStandIn>
{
    [Theory]
    [MemberData(nameof(ConformanceCases.WarehouseIds), MemberType = typeof(ConformanceCases))]
    public async Task warehouse_case_gives_the_documented_verdicts(string id)
    {
        // The suite's server is not used here; taking it keeps this a Warehouse class (see TestCategoryTests).
        Assert.NotNull(server);
        var c = ConformanceCases.Warehouse().Single(x => x.Id == id);
        var outDir = Directory.CreateTempSubdirectory("cargo-doctor-conformance-").FullName;
        try
        {
            await warehouse.FreshAsync();
            await warehouse.RedshiftAsync(c.WarehouseSql!);

            var result = await CliProcess.RunAsync(Arguments(c, outDir), Environment(c));

            ConformanceReport.AssertConforms(c, ConformanceReport.Mismatches(c, outDir, result.ToString()));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>The folder README's rule: the case's flags, added to --database dev and --user cargo_user (unless the case gives --user).</summary>
    private string[] Arguments(ConformanceCase c, string outDir)
    {
        var standIn = warehouse.StandIn;
        var login = c.Login == "admin" ? new[] { "--login-user", PostgresServer.AdminUser } : [];
        var user = c.Run.Contains("--user") ? [] : new[] { "--user", "cargo_user" };
        return
        [
            "check", "--endpoint", $"{standIn.Host}:{standIn.Port}/{DedicatedStandIn.Database}", "--sslmode", "require",
            "--database", DedicatedStandIn.Database, .. user, .. login, .. c.Run, "--out", outDir, "--format", "md,json",
        ];
    }

    private static Dictionary<string, string?> Environment(ConformanceCase c) => new()
    {
        ["CARGO_DOCTOR_PASSWORD"] = c.Login == "admin" ? PostgresServer.AdminPassword : DedicatedStandIn.Password,
        ["CI"] = "true",
    };
}
