using System.Text.Json;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 13.9: a report file that cannot be written does not stop the others, and the run names it.
/// (Bad --out/--save-facts before connecting: rows out_* and save_facts_* in <see cref="HostileInputs"/>.)
/// </summary>
[Trait("Category", "Cli")]
public sealed class OutputLocationTests
{
    [Fact]
    public async Task one_unwritable_format_does_not_stop_the_others()
    {
        var facts = await FactsFiles.WriteAsync(FactsFiles.WarnOnly());
        var outDir = Directory.CreateTempSubdirectory("cargo-doctor-partial-").FullName;
        // A folder where report.html should go: that one file cannot be written, the rest can.
        Directory.CreateDirectory(Path.Combine(outDir, "report.html"));

        var result = await CliProcess.RunAsync(["report", "--facts", facts, "--out", outDir, "--format", "md,html,json,junit"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"error: could not write {Path.Combine(outDir, "report.html")}:", result.Stderr);
        foreach (var name in new[] { "report.md", "report.json", "report.junit.xml", "fix.sql", "fix-aws.sh" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, name)), $"{name} was not written\n{result}");
            Assert.Contains($"report: {Path.Combine(outDir, name)}", result.Stdout);
        }

        Assert.DoesNotContain($"report: {Path.Combine(outDir, "report.html")}", result.Stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"), TestContext.Current.CancellationToken));
        Assert.True(json.RootElement.GetProperty("findings").GetArrayLength() > 0);
    }

    [Fact]
    public async Task report_command_checks_out_before_reading_facts()
    {
        var facts = await FactsFiles.WriteAsync(FactsFiles.WarnOnly());

        var result = await CliProcess.RunAsync(["report", "--facts", facts, "--out", facts]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"error: --out '{facts}' is a file, not a folder", result.Stderr.Trim());
    }
}
