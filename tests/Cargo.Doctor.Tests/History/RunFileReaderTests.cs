using Cargo.Doctor.Catalog;
using Cargo.Doctor.Findings;
using Cargo.Doctor.History;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 10.1/10.4: what <c>diff</c> reads, and the one-line reason for what it refuses.</summary>
[Trait("Category", "Unit")]
public sealed class RunFileReaderTests
{
    private static readonly CheckCatalog Catalog = CatalogLoader.LoadDefault();

    private static string Write(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cargo-doctor-diff-").FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task a_facts_file_is_evaluated_with_the_current_catalog()
    {
        var path = await FactsFiles.WriteAsync(FactsFiles.Failing());

        var run = RunFileReader.Read(path, Catalog);

        Assert.Equal(CheckStatus.Fail, run.Findings.Single(f => f.CheckId == TableGrantsRule.Id).Status);
        Assert.Equal(CheckStatus.Pass, run.Findings.Single(f => f.CheckId == SchemaUsageRule.Id).Status);
    }

    [Fact]
    public async Task a_report_json_is_read_as_written_with_every_detail_line()
    {
        var facts = FactsFiles.Failing();
        var findings = new Engine.CheckRunner(Catalog, Doctor.Rules.RuleSet.All).Run(facts);
        var path = Write("report.json", new JsonReportRenderer().Render(Report.Create(facts, Catalog, findings, TimeSpan.Zero)));

        var run = RunFileReader.Read(path, Catalog);

        Assert.Equal(findings.Select(f => (f.CheckId, f.Status)), run.Findings.Select(f => (f.CheckId, f.Status)));
        Assert.Equal(findings.Single(f => f.CheckId == TableGrantsRule.Id).Details, run.Findings.Single(f => f.CheckId == TableGrantsRule.Id).Details);
        Assert.Equal(Catalog[TableGrantsRule.Id].Title, run.Findings.Single(f => f.CheckId == TableGrantsRule.Id).Title);
    }

    [Theory]
    [InlineData("not json {", "not JSON")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"hello\": 1}", "neither findings nor gathered facts")]
    [InlineData("{\"schemaVersion\": 3, \"findings\": []}", "schema version 3; this tool reads report.json versions 1 to 2")]
    [InlineData("{\"schemaVersion\": 2, \"findings\": [{\"checkId\": \"db.connect\", \"status\": \"fail\", \"details\": [\"a\"], \"itemKeys\": []}]}", "findings[0].itemKeys is not a list of text keys, one per detail line")]
    [InlineData("{\"findings\": []}", "no whole-number schemaVersion")]
    [InlineData("{\"schemaVersion\": 1, \"findings\": [{\"checkId\": \"db.connect\", \"status\": \"great\"}]}", "findings[0].status 'great'")]
    [InlineData("{\"schemaVersion\": 1, \"findings\": {}}", "findings is not a list")]
    [InlineData("{\"schemaVersion\": 99, \"toolVersion\": \"9\"}", "the facts file has schema version 99")]
    public void an_unusable_file_is_one_line_naming_the_file_and_the_reason(string content, string reason)
    {
        var path = Write("run.json", content);

        var error = Assert.Throws<FormatException>(() => RunFileReader.Read(path, Catalog));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void a_missing_file_says_so()
    {
        var path = Path.Combine(Path.GetTempPath(), "cargo-doctor-no-such-dir", "report.json");

        var error = Assert.Throws<FormatException>(() => RunFileReader.Read(path, Catalog));

        Assert.Equal($"{path}: file not found", error.Message);
    }
}
