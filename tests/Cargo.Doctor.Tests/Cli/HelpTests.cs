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
            "--sslmode <disable|allow|prefer|require|verify-ca|verify-full>", "--fail-on <fail|warn|unknown>", "--format <md,html,json,junit>",
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
}
