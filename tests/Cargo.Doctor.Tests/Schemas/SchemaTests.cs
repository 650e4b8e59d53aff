using System.Text.Json;
using Cargo.Doctor.Accepted;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Schemas;

/// <summary>Issue 10.4: every report.json and facts file the tool writes follows the documented schema in docs/schemas.</summary>
[Trait("Category", "Unit")]
public sealed class SchemaTests
{
    private static readonly CheckCatalog Catalog = CatalogLoader.LoadDefault();

    public static TheoryData<string> FactsCases => ["all-good", "failing", "unknown", "rich", "redacted"];

    private static FactsSnapshot Facts(string name) => name switch
    {
        "all-good" => FactsFiles.AllGood(),
        "failing" => FactsFiles.Failing(),
        "unknown" => FactsFiles.UnknownOnly(),
        "redacted" => FactsFiles.Redacted(FactsFiles.Rich()),
        _ => FactsFiles.Rich(),
    };

    [Theory]
    [MemberData(nameof(FactsCases))]
    public void a_written_facts_file_and_its_report_json_follow_their_schemas(string name)
    {
        var facts = Facts(name);
        var findings = new CheckRunner(Catalog, RuleSet.All).Run(facts);

        SchemaFiles.AssertValid(SchemaFiles.Facts, FactsJson.Serialize(facts));
        SchemaFiles.AssertValid(SchemaFiles.Report, new JsonReportRenderer().Render(Report.Create(facts, Catalog, findings, TimeSpan.Zero)));
    }

    [Fact]
    public void the_sample_facts_file_follows_the_facts_schema()
    {
        var sample = Path.Combine(SchemaFiles.Folder, "..", "..", "samples", "sample-facts.json");

        SchemaFiles.AssertValid(SchemaFiles.Facts, File.ReadAllText(sample));
    }

    [Fact]
    public void a_report_json_with_accepted_expired_and_baseline_marks_follows_the_report_schema()
    {
        var facts = FactsFiles.Failing();
        var today = new DateOnly(2026, 12, 1);
        var accepted = AcceptedFindings.Apply(
            new CheckRunner(Catalog, RuleSet.All).Run(facts),
            [new AcceptEntry(TableGrantsRule.Id, "orders", "rebuilt nightly", "data@example.com", today.AddDays(3), "c.yaml: line 2: accept[0]"),
             new AcceptEntry(ConnectRule.Id, null, "old", "data@example.com", today.AddDays(-3), "c.yaml: line 7: accept[1]")],
            today);
        var report = Report.Create(facts with { Notes = [.. accepted.Notes] }, Catalog, accepted.Findings, TimeSpan.Zero) with
        {
            Baseline = new BaselineRun(new Dictionary<string, BaselineCheck> { [TableGrantsRule.Id] = new(CheckStatus.Fail, []), [ConnectRule.Id] = new(CheckStatus.Pass, []) }, false),
        };

        var json = new JsonReportRenderer().Render(report);

        Assert.Contains("\"acceptance\"", json);
        Assert.Contains("\"baseline\"", json);
        SchemaFiles.AssertValid(SchemaFiles.Report, json);
    }

    [Theory]
    [InlineData("findings", "$: missing required 'findings'")]
    [InlineData("status", "$.findings[0].status: \"great\" is not one of")]
    [InlineData("extra", "$: 'surprise' is not in the schema")]
    [InlineData("version", "$.schemaVersion: expected 2, found 3")]
    public void the_validator_rejects_a_report_that_breaks_the_schema(string breakage, string error)
    {
        var facts = FactsFiles.Failing();
        var json = new JsonReportRenderer().Render(Report.Create(facts, Catalog, new CheckRunner(Catalog, RuleSet.All).Run(facts), TimeSpan.Zero));
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        switch (breakage)
        {
            case "findings": node.Remove("findings"); break;
            case "status": node["findings"]![0]!["status"] = "great"; break;
            case "extra": node["surprise"] = 1; break;
            default: node["schemaVersion"] = 3; break;
        }

        Assert.Contains(SchemaFiles.Errors(SchemaFiles.Report, node.ToJsonString()), e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void the_validator_refuses_a_schema_keyword_it_does_not_check()
    {
        using var schema = JsonDocument.Parse("{\"type\": \"string\", \"pattern\": \"^a\"}");
        using var value = JsonDocument.Parse("\"b\"");

        Assert.Equal(["$: schema keyword 'pattern' is not supported by this validator"], JsonSchemaSubset.Validate(schema.RootElement, value.RootElement));
    }
}
