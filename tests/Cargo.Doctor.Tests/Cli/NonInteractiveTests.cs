namespace Cargo.Doctor.Tests.Cli;

/// <summary>The CLI as CI runs it: no terminal, plain lines, no prompt, clear exit codes.</summary>
[Trait("Category", "Cli")]
public sealed class NonInteractiveTests
{
    [Fact]
    public async Task version_prints_the_tool_version()
    {
        var result = await CliProcess.RunAsync(["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ToolVersion.Current, result.Stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", ToolVersion.Current);
    }

    [Theory]
    [InlineData("true")]
    [InlineData(null)]
    public async Task missing_password_is_a_one_line_error_with_exit_2_and_no_prompt(string? ci)
    {
        var result = await CliProcess.RunAsync(
            ["check", "--endpoint", "127.0.0.1:1/dev", "--user", "cargo_user", "--out", Directory.CreateTempSubdirectory().FullName],
            new Dictionary<string, string?> { ["CI"] = ci });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: no password for \"cargo_user\": set CARGO_DOCTOR_PASSWORD (or PGPASSWORD)", result.Stderr.Trim());
        Assert.DoesNotContain("Password for", result.Stdout);
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task unknown_fail_on_value_is_a_usage_error()
    {
        var facts = await FactsFiles.WriteAsync(FactsFiles.WarnOnly());

        var result = await CliProcess.RunAsync(["report", "--facts", facts, "--out", Path.GetDirectoryName(facts)!, "--fail-on", "sometimes"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--fail-on 'sometimes': choose from fail, warn, unknown", result.Stderr);
    }
}
