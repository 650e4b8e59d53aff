using Cargo.Doctor.Reports.Sarif;
using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>--sarif-anchor and the config anchor: bad input is one line and exit 2; a config that cannot anchor only loses the anchor.</summary>
[Trait("Category", "Cli")]
public sealed class SarifAnchorOptionTests
{
    private static readonly string SampleFacts = Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "sample-facts.json");

    [Theory]
    [InlineData("sarif", "/no/such/anchor.tf", "--sarif-anchor '/no/such/anchor.tf': file not found")]
    [InlineData("md", "/no/such/anchor.tf", "--sarif-anchor: only used with --format sarif")]
    public async Task a_bad_sarif_anchor_is_one_line_and_exit_code_2(string format, string anchor, string expected)
    {
        var result = await CliProcess.RunAsync(["report", "--facts", SampleFacts, "--out", Directory.CreateTempSubdirectory("anchor").FullName, "--format", format, "--sarif-anchor", anchor]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_empty_config_is_no_anchor_not_a_usage_error()
    {
        var dir = Directory.CreateTempSubdirectory("anchor").FullName;
        var config = Path.Combine(dir, "empty.yml");
        await File.WriteAllTextAsync(config, "", TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["report", "--facts", SampleFacts, "--config", config, "--out", Path.Combine(dir, "out"), "--format", "sarif"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(SarifReportRenderer.NoAnchorNote, result.Stdout, StringComparison.Ordinal);
    }
}
