using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.History;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.History;

/// <summary>
/// Issue 10.1 on two real runs of the emulated warehouse: before and after applying the printed
/// fixes (what fix.sql holds), then after someone revokes a grant again.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class RealRunDiffTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static string WriteReport(CheckResult result)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cargo-doctor-run-").FullName, "report.json");
        var report = Report.Create(result.Facts, WarehouseScenario.Catalog, result.Findings, TimeSpan.Zero);
        File.WriteAllText(path, new JsonReportRenderer().Render(report));
        Schemas.SchemaFiles.AssertValid(Schemas.SchemaFiles.Report, File.ReadAllText(path));
        return path;
    }

    private static string WriteFacts(CheckResult result)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cargo-doctor-run-").FullName, "facts.json");
        File.WriteAllText(path, FactsJson.Serialize(result.Facts));
        Schemas.SchemaFiles.AssertValid(Schemas.SchemaFiles.Facts, File.ReadAllText(path));
        return path;
    }

    private static RunDiff Diff(string old, string @new) =>
        RunDiff.Compare(RunFileReader.Read(old, WarehouseScenario.Catalog), RunFileReader.Read(@new, WarehouseScenario.Catalog));

    [Fact]
    public async Task applying_the_fixes_shows_as_fixed_and_a_revoked_grant_afterwards_as_regressed_with_its_line()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.GrantDatabaseAsync();
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales");
        await scenario.CreateFunctionRoleAsync(grantToUser: false);
        var u = scenario.Quoted(scenario.User);
        await scenario.AdminAsync($"REVOKE INSERT, UPDATE ON \"sales\".\"orders\" FROM {u}");

        var broken = await scenario.CheckAsync("sales");
        Assert.Equal(CheckStatus.Fail, broken[TableGrantsRule.Id].Status);
        Assert.Equal(CheckStatus.Warn, broken[FunctionRoleRule.Id].Status); // the probe still creates a function through PUBLIC's USAGE ON LANGUAGE sql
        foreach (var finding in broken.Findings.Where(f => f.Status is CheckStatus.Fail or CheckStatus.Warn))
        {
            await scenario.ApplyRemediationAsync(finding);
        }

        var fixedRun = await scenario.CheckAsync("sales");
        await scenario.AdminAsync($"REVOKE DELETE ON \"sales\".\"customers\" FROM {u}");
        var revoked = await scenario.CheckAsync("sales");

        // Facts file before, report.json after: the two kinds of file compare alike.
        var repaired = Diff(WriteFacts(broken), WriteReport(fixedRun));
        var tableGrants = repaired.Changes.Single(c => c.CheckId == TableGrantsRule.Id);
        Assert.Equal(ChangeKind.Fixed, tableGrants.Kind);
        Assert.Equal([$"{scenario.Database}.sales.orders (table): missing INSERT, UPDATE"], tableGrants.Disappeared);
        Assert.Equal(ChangeKind.Fixed, repaired.Changes.Single(c => c.CheckId == FunctionRoleRule.Id).Kind);
        Assert.False(repaired.Regressed);
        Assert.Equal(ChangeKind.Unchanged, repaired.Changes.Single(c => c.CheckId == SchemaUsageRule.Id).Kind);

        var broke = Diff(WriteReport(fixedRun), WriteReport(revoked));
        var regression = broke.Changes.Single(c => c.CheckId == TableGrantsRule.Id);
        Assert.Equal(ChangeKind.Regressed, regression.Kind);
        Assert.Equal([$"{scenario.Database}.sales.customers (table): missing DELETE"], regression.Appeared);
        Assert.True(broke.Regressed);
        Assert.Equal([regression], broke.Changes.Where(c => c.Kind == ChangeKind.Regressed));
    }
}
