using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 10.3 through the real CLI: accepted findings in every format, the exit code, expiry, config errors.</summary>
[Trait("Category", "Cli")]
public sealed class AcceptedFindingsCliTests
{
    private static string Day(int daysFromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<(CliProcess.Result Result, string OutDir, string Config)> ReportAsync(string acceptYaml)
    {
        var facts = await FactsFiles.WriteAsync(FactsFiles.Failing());
        var folder = Path.GetDirectoryName(facts)!;
        var config = Path.Combine(folder, "cargo.yaml");
        await File.WriteAllTextAsync(config, acceptYaml, TestContext.Current.CancellationToken);
        var outDir = Path.Combine(folder, "out");
        var result = await CliProcess.RunAsync(["report", "--facts", facts, "--config", config, "--out", outDir, "--format", "json,md,junit,html"]);
        return (result, outDir, config);
    }

    private static JsonElement Finding(JsonDocument json, string id) =>
        json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("checkId").GetString() == id);

    [Fact]
    public async Task an_accepted_failure_does_not_fail_the_run_and_shows_reason_owner_and_expiry_in_every_format()
    {
        var (result, outDir, _) = await ReportAsync($"""
            accept:
              - check: db.table-grants
                match: "sales.orders"
                reason: "orders is rebuilt by the nightly job"
                owner: data-platform@example.com
                expires: {Day(30)}
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        var finding = Finding(json, TableGrantsRule.Id);
        Assert.Equal("accepted", finding.GetProperty("status").GetString());
        Assert.Equal("data-platform@example.com", finding.GetProperty("acceptance").GetProperty("owner").GetString());
        Assert.Equal(Day(30), finding.GetProperty("acceptance").GetProperty("expires").GetString());
        Assert.Equal("fail", finding.GetProperty("acceptance").GetProperty("wasStatus").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("accepted").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("fail").GetInt32());
        Schemas.SchemaFiles.AssertValid(Schemas.SchemaFiles.Report, File.ReadAllText(Path.Combine(outDir, "report.json")));
        var skipped = XDocument.Load(Path.Combine(outDir, "report.junit.xml")).Descendants("testcase")
            .Single(t => t.Attribute("name")!.Value.StartsWith(TableGrantsRule.Id, StringComparison.Ordinal)).Element("skipped");
        Assert.Contains("orders is rebuilt by the nightly job", skipped!.Attribute("message")!.Value);
        foreach (var text in new[] { File.ReadAllText(Path.Combine(outDir, "report.md")), File.ReadAllText(Path.Combine(outDir, "report.html")), result.Stdout })
        {
            Assert.Contains("orders is rebuilt by the nightly job", text);
            Assert.Contains("data-platform@example.com", text);
            Assert.Contains(Day(30), text);
        }

        Assert.Contains("1 accepted", result.Stdout);
    }

    [Fact]
    public async Task an_expired_acceptance_is_ignored_and_the_finding_says_it_expired()
    {
        var (result, outDir, _) = await ReportAsync($"""
            accept:
              - check: db.table-grants
                reason: "orders is rebuilt by the nightly job"
                owner: data-platform@example.com
                expires: {Day(-1)}
            """);

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        var finding = Finding(json, TableGrantsRule.Id);
        Assert.Equal("fail", finding.GetProperty("status").GetString());
        Assert.Contains($"acceptance expired on {Day(-1)}", finding.GetProperty("summary").GetString());
        Assert.True(finding.GetProperty("acceptance").GetProperty("expired").GetBoolean());
    }

    [Fact]
    public async Task an_acceptance_that_matched_nothing_is_listed_in_the_report()
    {
        var (result, outDir, config) = await ReportAsync($"""
            accept:
              - check: db.future-grants
                reason: "staging"
                owner: data-platform@example.com
                expires: {Day(30)}
            """);

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith($"{config}: line 2: accept[0]: the acceptance of db.future-grants", StringComparison.Ordinal) && n.GetString()!.Contains("matched nothing"));
        Assert.Contains("matched nothing", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public async Task an_unknown_check_and_an_expiry_over_a_year_away_exit_2_with_file_line_and_key()
    {
        var (result, _, config) = await ReportAsync($"""
            accept:
              - check: db.nope
                reason: "x"
                owner: o@example.com
                expires: {Day(30)}
              - check: db.table-grants
                reason: "x"
                owner: o@example.com
                expires: {Day(400)}
            """);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: {config}: line 2: accept[0].check: unknown check id 'db.nope'", result.Stderr);
        Assert.Contains($"error: {config}: line 6: accept[1].expires: {Day(400)} is more than a year away", result.Stderr);
    }

    [Fact]
    public async Task check_refuses_a_bad_acceptance_before_any_prompt_or_connection()
    {
        var folder = Directory.CreateTempSubdirectory("cargo-doctor-accept-").FullName;
        var config = Path.Combine(folder, "cargo.yaml");
        await File.WriteAllTextAsync(config, $"""
            warehouse:
              host: 127.0.0.1
              databases: [dev]
            accept:
              - check: db.nope
                reason: "x"
                owner: o@example.com
                expires: {Day(30)}
            """, TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["check", "--config", config, "--out", Path.Combine(folder, "out")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: {config}: line 5: accept[0].check: unknown check id 'db.nope'", result.Stderr);
        Assert.DoesNotContain("password", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }
}
