using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Redaction;

/// <summary>A partly broken warehouse, redacted before the rules run: no format shows a real name.</summary>
[Trait("Category", "Warehouse")]
public sealed class RedactedReportScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task every_format_shows_tokens_only()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("crm_private", "customer_pii", "invoices");
        await scenario.AdminAsync($"GRANT USAGE ON SCHEMA \"crm_private\" TO {scenario.Quoted(scenario.User)}");
        var result = await scenario.CheckAsync("crm_private");

        var redacted = FactsRedactor.Redact(result.Facts);
        var findings = new Engine.CheckRunner(WarehouseScenario.Catalog, Cargo.Doctor.Rules.RuleSet.All).Run(redacted);
        var report = Report.Create(redacted, WarehouseScenario.Catalog, findings, TimeSpan.FromSeconds(1));
        var dir = Directory.CreateTempSubdirectory("cargo-doctor-redacted-").FullName;
        Assert.Empty(ReportWriter.WriteEach(report, dir, ReportWriter.All).Unwritten);
        await File.WriteAllTextAsync(Path.Combine(dir, "facts.json"), FactsJson.Serialize(redacted), TestContext.Current.CancellationToken);

        Assert.Equal(CheckStatus.Fail, findings.Single(f => f.CheckId == TableGrantsRule.Id).Status);
        Assert.Contains("schema_1", File.ReadAllText(Path.Combine(dir, "fix.sql")));
        string[] originals = [scenario.Database, scenario.User, scenario.FunctionRole, "crm_private", "customer_pii", "invoices", server.Host];
        foreach (var file in Directory.GetFiles(dir))
        {
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            foreach (var original in originals)
            {
                Assert.False(Regex.IsMatch(text, $"(?<![A-Za-z0-9_]){Regex.Escape(original)}(?![A-Za-z0-9_])"), $"{Path.GetFileName(file)} contains {original}");
            }
        }

        Assert.Contains("Redacted", File.ReadAllText(Path.Combine(dir, "report.md")));
    }
}
