using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// db.table-grants on a table Redshift cannot find by its quoted name (created as "MixedCase" in a
/// session with enable_case_sensitive_identifier on), and on a server that rejects the oid form.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class TableGrantsFoldedCaseTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task a_folded_case_table_is_checked_by_oid_and_blanks_out_nothing_else()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        await scenario.AdminAsync("CREATE TABLE \"sales\".\"MixedCase\" (id integer)");
        await scenario.AdminAsync($"REVOKE ALL ON \"sales\".\"MixedCase\" FROM {scenario.Quoted(scenario.User)}");
        await scenario.EmulateAsync(RedshiftEmulation.IdentifierFolding);

        var result = await scenario.CheckAsync("sales");

        Assert.Equal(CheckStatus.Pass, result[SchemaUsageRule.Id].Status);
        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Equal("1 of 4 table(s) lack privileges (4 grant(s) missing)", finding.Summary);
        Assert.Contains($"{scenario.Database}.sales.MixedCase (table): missing SELECT, INSERT, UPDATE, DELETE", finding.Details);
        Assert.Equal("oid", result.Facts.Warehouse!.Databases[0].TablePrivilegeLookup);
    }

    [Fact]
    public async Task a_server_rejecting_the_oid_form_is_read_by_name_and_only_the_folded_table_is_unknown()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server, "sales");
        await scenario.AdminAsync("CREATE TABLE \"sales\".\"MixedCase\" (id integer)");
        await scenario.AdminAsync($"GRANT ALL ON \"sales\".\"MixedCase\" TO {scenario.Quoted(scenario.User)}");
        await scenario.AdminAsync($"REVOKE DELETE ON \"sales\".\"orders\" FROM {scenario.Quoted(scenario.User)}");
        await scenario.EmulateAsync(RedshiftEmulation.WithoutOidPrivilege, RedshiftEmulation.IdentifierFolding);

        var result = await scenario.CheckAsync("sales");

        Assert.Equal(CheckStatus.Pass, result[SchemaUsageRule.Id].Status);
        var finding = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Equal("1 of 3 table(s) lack privileges (1 grant(s) missing)", finding.Summary);
        Assert.Contains($"{scenario.Database}.sales.orders (table): missing DELETE", finding.Details);
        Assert.Contains(finding.Details, d => d.StartsWith($"{scenario.Database}.sales.MixedCase (table): unknown", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.Contains("looked up by name", StringComparison.Ordinal));
        Assert.Equal("name", result.Facts.Warehouse!.Databases[0].TablePrivilegeLookup);

        await scenario.AdminAsync($"GRANT DELETE ON \"sales\".\"orders\" TO {scenario.Quoted(scenario.User)}");
        var after = (await scenario.CheckAsync("sales"))[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Unknown, after.Status);
    }
}
