using System.Text.Json;
using System.Xml.Linq;
using Cargo.Doctor.Engine;

namespace Cargo.Doctor.Tests.Cli;

/// <summary><c>--fail-on</c>, <c>--checks</c>/<c>--skip</c> and the report contents, through the real CLI.</summary>
[Trait("Category", "Cli")]
public sealed class ExitCodeAndSelectionTests
{
    public static TheoryData<string, string, int> Cases => new()
    {
        { "all-good", "fail", 0 }, { "all-good", "unknown", 0 },
        { "warn", "fail", 0 }, { "warn", "warn", 1 }, { "warn", "unknown", 1 },
        { "unknown", "fail", 0 }, { "unknown", "warn", 0 }, { "unknown", "unknown", 1 },
        { "fail", "fail", 1 }, { "fail", "warn", 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task fail_on_chooses_what_makes_exit_code_1(string setup, string failOn, int expected)
    {
        var facts = setup switch
        {
            "warn" => FactsFiles.WarnOnly(),
            "unknown" => FactsFiles.UnknownOnly(),
            "fail" => FactsFiles.Failing(),
            _ => FactsFiles.AllGood(),
        };
        var path = await FactsFiles.WriteAsync(facts);
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", outDir, "--fail-on", failOn, "--format", "json,junit"]);

        Assert.True(result.ExitCode == expected, result.ToString());
        var junit = XDocument.Load(Path.Combine(outDir, "report.junit.xml"));
        Assert.Equal(expected == 1, junit.Descendants("failure").Any());
    }

    [Fact]
    public async Task checks_glob_selects_and_dependencies_still_run()
    {
        var path = await FactsFiles.WriteAsync(FactsFiles.Failing());
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", outDir, "--checks", "db.*-grants", "--skip", "db.future-grants", "--format", "json,md"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"), TestContext.Current.CancellationToken));
        var status = json.RootElement.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("checkId").GetString()!, f => (f.GetProperty("status").GetString(), f.GetProperty("summary").GetString()));
        Assert.Equal("fail", status["db.table-grants"].Item1);
        Assert.Equal("pass", status["db.connect"].Item1);
        Assert.Equal("pass", status["db.user-exists"].Item1);
        Assert.Equal(("skipped", CheckSelection.NotSelectedSummary), status["db.future-grants"]);
        Assert.Equal(("skipped", CheckSelection.NotSelectedSummary), status["db.function-role"]);
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("db.connect, db.user-exists"));
        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("- `db.function-role` (skipped): not selected for this run", md);
        Assert.DoesNotContain("db.function-role", result.Stdout);
        Assert.Contains("db.table-grants", result.Stdout);
    }

    [Fact]
    public async Task a_pattern_matching_no_check_is_exit_2()
    {
        var path = await FactsFiles.WriteAsync(FactsFiles.AllGood());

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", Path.GetDirectoryName(path)!, "--checks", "dbx.*"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no check matches 'dbx.*'", result.Stderr);
    }

    [Fact]
    public async Task every_report_names_the_version_that_wrote_it()
    {
        var path = await FactsFiles.WriteAsync(FactsFiles.AllGood());
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");
        var version = (await CliProcess.RunAsync(["--version"])).Stdout.Trim();

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", outDir, "--format", "md,html,json,junit"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var file in new[] { "report.md", "report.html", "report.json", "report.junit.xml", "fix.sql", "fix-aws.sh" })
        {
            Assert.Contains(version, await File.ReadAllTextAsync(Path.Combine(outDir, file), TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task redact_on_replay_marks_every_output()
    {
        var path = await FactsFiles.WriteAsync(FactsFiles.Rich());
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", outDir, "--format", "md,html,json,junit", "--redact"]);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"), TestContext.Current.CancellationToken));
        Assert.True(json.RootElement.GetProperty("redacted").GetBoolean());
        foreach (var file in Directory.GetFiles(outDir).Append("stdout"))
        {
            var text = file == "stdout" ? result.Stdout : await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.DoesNotContain("examplecluster", text);
            Assert.DoesNotContain("123456789012", text);
            Assert.DoesNotContain("10.1.2.3", text);
            Assert.DoesNotContain("etl_admin", text);
        }
    }
}
