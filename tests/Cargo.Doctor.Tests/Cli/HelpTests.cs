namespace Cargo.Doctor.Tests.Cli;

/// <summary>Issue 12.8: `--help` says what each value looks like, groups the options, and names the password variables and exit codes.</summary>
[Trait("Category", "Cli")]
public sealed class HelpTests
{
    [Fact]
    public async Task check_help_names_value_shapes_groups_the_password_and_the_exit_codes()
    {
        var result = await CliProcess.RunAsync(["check", "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var expected in new[]
        {
            "--endpoint <host:port/db>", "--schema <DB.SCHEMA[:read]>", "--cargo-role-arn <arn>", "--role-arn <arn>", "--cargo-ip <ip|cidr>",
            "--sslmode <disable|allow|prefer|require|verify-ca|verify-full>", "--fail-on <fail|warn|unknown>", "--format <md,html,json,junit,sarif>",
            "warehouse  --endpoint", "AWS        --region", "Cargo      --cargo-ip", "output     --out", "CI         --fail-on",
            "CARGO_DOCTOR_PASSWORD", "PGPASSWORD",
            "2    usage or configuration error", "70   internal error", "130  stopped by SIGINT",
        })
        {
            Assert.Contains(expected, result.Stdout);
        }
    }

    [Fact]
    public async Task top_level_help_lists_the_exit_codes_without_the_check_groups()
    {
        var result = await CliProcess.RunAsync(["--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Exit codes:", result.Stdout);
        Assert.Contains("CARGO_DOCTOR_PASSWORD", result.Stdout);
        Assert.DoesNotContain("Options of `check` by group", result.Stdout);
    }

    /// <summary>`--help` wins over a missing required option or argument: asking how to call `report` must not fail for not calling it yet.</summary>
    [Theory]
    [InlineData("report", "--facts <facts.json>")]
    [InlineData("diff", "Usage:")]
    [InlineData("explain", "Usage:")]
    [InlineData("aws-policy", "Usage:")]
    public async Task help_of_a_command_with_required_input_shows_its_help(string command, string expected)
    {
        var result = await CliProcess.RunAsync([command, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(expected, result.Stdout);
        Assert.DoesNotContain("error:", result.Stderr);
    }
}
