using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Hardening;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// `cargo-doctor check` against a partly broken warehouse, as a child process with the password in
/// CARGO_DOCTOR_PASSWORD: the password appears in no report, fix script, facts file or console line,
/// with or without --redact (and --redact leaves no real name anywhere).
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class NoSecretTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task password_is_in_no_output(bool redact, bool wrongPassword)
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("ledger_secret", "payroll");
        await scenario.AdminAsync($"GRANT USAGE ON SCHEMA \"ledger_secret\" TO {scenario.Quoted(scenario.User)}");
        var password = wrongPassword ? "Wr0ng-Distinctive-S3cret-7731" : WarehouseScenario.Password;
        var outDir = Directory.CreateTempSubdirectory("cargo-doctor-nosecret-").FullName;
        string[] args =
        [
            "check", "--endpoint", $"{server.Host}:{server.Port}/{scenario.Database}", "--user", scenario.User,
            "--schema", $"{scenario.Database}.ledger_secret", "--function-role", scenario.FunctionRole,
            "--out", outDir, "--format", "md,html,json,junit", "--save-facts", Path.Combine(outDir, "facts.json"),
        ];

        var result = await CliProcess.RunAsync(redact ? [.. args, "--redact"] : args,
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = password, ["CI"] = "true" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var files = Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["facts.json", "fix-aws.sh", "fix.sql", "report.html", "report.json", "report.junit.xml", "report.md"], files);
        var outputs = Directory.GetFiles(outDir).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .Append(("stdout", result.Stdout)).Append(("stderr", result.Stderr)).ToList();
        foreach (var (name, text) in outputs)
        {
            Assert.False(text.Contains(password, StringComparison.OrdinalIgnoreCase), $"{name} contains the password");
            Assert.False(text.Contains("Pa55word", StringComparison.OrdinalIgnoreCase) || text.Contains("S3cret", StringComparison.Ordinal), $"{name} contains part of the password");
        }

        var facts = FactsJson.Deserialize(File.ReadAllText(Path.Combine(outDir, "facts.json")));
        Assert.Equal(redact, facts.Redacted);
        if (!redact)
        {
            return;
        }

        foreach (var (name, text) in outputs)
        {
            foreach (var original in new[] { scenario.Database, scenario.User, scenario.FunctionRole, "ledger_secret", "payroll", server.Host })
            {
                Assert.False(Regex.IsMatch(text, $"(?<![A-Za-z0-9_]){Regex.Escape(original)}(?![A-Za-z0-9_])"), $"{name} contains {original}");
            }
        }
    }

    public static TheoryData<string, bool> PasswordInEndpointRows => new(
        HostileInputs.All.Where(i => i.Name.StartsWith("password_", StringComparison.Ordinal))
            .SelectMany(i => new[] { (i.Name, false), (i.Name, true) }));

    /// <summary>Issue 13.2: a password in the endpoint (any URL form, flag or config file) is a usage error that never repeats it, with or without --redact.</summary>
    [Theory]
    [MemberData(nameof(PasswordInEndpointRows))]
    public async Task password_in_the_endpoint_is_a_usage_error_that_never_repeats_it(string row, bool redact)
    {
        var run = await HostileRun.RunAsync(HostileInputs.Named(row), redact ? ["--redact"] : []);

        Assert.True(run.Result.ExitCode == 2, run.Result.ToString());
        Assert.Single(run.Result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(run.Expected, run.Result.Stderr);
        Assert.Contains("CARGO_DOCTOR_PASSWORD", run.Result.Stderr);
        AssertNoSecret(run);
    }

    /// <summary>Every usage-error path (the whole hostile-input table) keeps the password out of every output.</summary>
    [Theory]
    [MemberData(nameof(HostileInputs.Names), MemberType = typeof(HostileInputs))]
    public async Task no_error_path_prints_the_password(string row)
    {
        AssertNoSecret(await HostileRun.RunAsync(HostileInputs.Named(row)));
    }

    /// <summary>A run that cannot connect still writes reports: none holds the password.</summary>
    [Fact]
    public async Task a_refused_connection_prints_no_password()
    {
        var run = await HostileRun.RunAsync(new HostileInput("refused", ["--endpoint", "127.0.0.1:1/dev", "--format", "md,html,json,junit"], ""));

        Assert.True(run.Result.ExitCode == 1, run.Result.ToString());
        Assert.NotEmpty(Directory.GetFiles(run.OutDir));
        AssertNoSecret(run);
    }

    private static void AssertNoSecret(HostileRun.Outcome run)
    {
        var outputs = Directory.GetFiles(run.OutDir).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .Append(("stdout", run.Result.Stdout)).Append(("stderr", run.Result.Stderr));
        foreach (var (name, text) in outputs)
        {
            Assert.False(text.Contains(HostileInputs.Secret, StringComparison.OrdinalIgnoreCase), $"{name} contains the password\n{run.Result}");
            Assert.False(text.Contains("Hunter2", StringComparison.OrdinalIgnoreCase), $"{name} contains part of the password\n{run.Result}");
        }
    }
}
