using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// Names with quotes, spaces, unicode and <c>&lt;script&gt;</c>: the printed SQL is correctly quoted
/// (it runs and fixes the setup) and the reports show the names as text.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class HostileNamesScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Schema = "Sales \"EU\" <script>alert(1)</script>";
    private const string Table = "order \"items\" ü 日本";

    [Fact]
    public async Task names_with_quotes_spaces_unicode_and_script_are_quoted_and_escaped()
    {
        var scenario = await WarehouseScenario.CreateAsync(
            server,
            database: server.UniqueName("ware house ü"),
            user: server.UniqueName("cargo \"user\""),
            role: server.UniqueName("fn role <u>"));
        await scenario.GrantDatabaseAsync();
        await scenario.CreateSchemaWithTablesAsync(Schema, Table, "plain");
        await scenario.AdminAsync($"GRANT SELECT ON {scenario.Quoted(Schema)}.{scenario.Quoted(Table)} TO {scenario.Quoted(scenario.User)}");

        var result = await scenario.CheckAsync(scenario.Config(Schema));

        var usage = result[SchemaUsageRule.Id];
        Assert.Equal(CheckStatus.Fail, usage.Status);
        var u = "\"" + scenario.User.Replace("\"", "\"\"") + "\"";
        Assert.Contains(usage.Remediation, r => r.Text == $"GRANT USAGE ON SCHEMA \"Sales \"\"EU\"\" <script>alert(1)</script>\" TO {u};");

        var grants = result[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Unknown, grants.Status); // the cargo login cannot see into the schema yet

        // The role does not exist, but the probe creates a function through PUBLIC's USAGE ON LANGUAGE sql: a warning
        // with the fix (https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html).
        var role = result[FunctionRoleRule.Id];
        Assert.Equal(CheckStatus.Warn, role.Status);
        Assert.NotEmpty(role.Remediation);

        var outDir = Directory.CreateTempSubdirectory("hostile-names").FullName;
        var report = Report.Create(result.Facts, WarehouseScenario.Catalog, result.Findings, TimeSpan.FromSeconds(1));
        Assert.Empty(ReportWriter.WriteEach(report, outDir, ReportWriter.All).Unwritten);
        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<u>", html, StringComparison.Ordinal);
        Assert.Contains("fn role &lt;u&gt;", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);

        foreach (var finding in new[] { usage, role, result[FutureGrantsRule.Id] })
        {
            await scenario.ApplyRemediationAsync(finding, caseSensitive: true); // the schema has upper-case letters
        }

        var fixedResult = await scenario.CheckAsync(scenario.Config(Schema));
        Assert.Equal(CheckStatus.Pass, fixedResult[SchemaUsageRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, fixedResult[FunctionRoleRule.Id].Status);
        var tableGrants = fixedResult[TableGrantsRule.Id];
        Assert.Equal(CheckStatus.Fail, tableGrants.Status);
        Assert.Contains($"{scenario.Database}.{Schema}.{Table} (table): missing INSERT, UPDATE, DELETE", tableGrants.Details);

        await scenario.ApplyRemediationAsync(tableGrants, caseSensitive: true);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync(scenario.Config(Schema)))[TableGrantsRule.Id].Status);
    }
}
