using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>The `check` and `report` commands end to end: exit codes, files, and no secret anywhere.</summary>
public sealed class CheckCommandTests(PostgresServer server)
{
    private const string Secret = "S3cr3t-Canary-pw-7f41";

    [Fact]
    public async Task password_never_appears_in_facts_reports_or_console_output()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync($"ALTER USER {scenario.Quoted(scenario.User)} PASSWORD '{Secret}'");
        await scenario.AdminAsync($"REVOKE USAGE ON SCHEMA \"sales\" FROM {scenario.Quoted(scenario.User)}");
        var outDir = Directory.CreateTempSubdirectory("no-secret").FullName;
        var facts = Path.Combine(outDir, "facts.json");

        var good = await CliRunner.RunAsync(Args(scenario, outDir, "--save-facts", facts), Env(Secret));
        var wrong = await CliRunner.RunAsync(Args(scenario, Path.Combine(outDir, "wrong")), Env(Secret + "-wrong"));
        var replay = await CliRunner.RunAsync(["report", "--facts", facts, "--out", Path.Combine(outDir, "replay")]);

        Assert.Equal(1, good.ExitCode);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal(1, replay.ExitCode);
        Assert.Contains("✗ db.schema-usage", good.Stdout);
        Assert.Contains("password authentication failed", wrong.Stdout);
        var files = Directory.GetFiles(outDir, "*", SearchOption.AllDirectories);
        Assert.True(files.Length >= 10, string.Join(", ", files));
        foreach (var text in files.Select(File.ReadAllText).Concat([good.Stdout, good.Stderr, wrong.Stdout, wrong.Stderr, replay.Stdout]))
        {
            Assert.DoesNotContain("S3cr3t-Canary", text);
        }
    }

    [Fact]
    public async Task replayed_facts_give_the_same_report()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync($"REVOKE DELETE ON \"sales\".\"orders\" FROM {scenario.Quoted(scenario.User)}");
        var outDir = Directory.CreateTempSubdirectory("replay").FullName;
        var facts = Path.Combine(outDir, "facts.json");

        var live = await CliRunner.RunAsync(Args(scenario, Path.Combine(outDir, "live"), "--save-facts", facts, "--format", "json"), Env(WarehouseScenario.Password));
        var replay = await CliRunner.RunAsync(["report", "--facts", facts, "--out", Path.Combine(outDir, "replay"), "--format", "json"]);

        Assert.Equal(1, live.ExitCode);
        Assert.Equal(1, replay.ExitCode);
        static string Findings(string path) =>
            System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => $"{f.GetProperty("checkId")}|{f.GetProperty("status")}|{f.GetProperty("summary")}|{string.Join(";", f.GetProperty("details").EnumerateArray())}")
                .Aggregate((a, b) => a + "\n" + b);
        Assert.Equal(Findings(Path.Combine(outDir, "live", "report.json")), Findings(Path.Combine(outDir, "replay", "report.json")));
        Assert.Contains("missing DELETE", Findings(Path.Combine(outDir, "replay", "report.json")));
    }

    [Theory]
    [InlineData(new[] { "check", "--endpoint", "h:notaport/db" }, "port 'notaport' is not a number")]
    [InlineData(new[] { "check" }, "nothing to check")]
    [InlineData(new[] { "check", "--endpoint", "127.0.0.1:5439/dev", "--schema", "nodot" }, "must be DB.SCHEMA")]
    [InlineData(new[] { "check", "--endpoint", "127.0.0.1:5439/dev", "--sslmode", "sometimes" }, "--sslmode 'sometimes'")]
    [InlineData(new[] { "check", "--endpoint", "127.0.0.1:5439/dev", "--format", "pdf" }, "--format 'pdf'")]
    [InlineData(new[] { "check", "--config", "/no/such/file.yml" }, "config file not found")]
    [InlineData(new[] { "report", "--facts", "/no/such/facts.json" }, "facts file not found")]
    [InlineData(new[] { "explain", "db.nope" }, "no check 'db.nope'")]
    [InlineData(new[] { "check", "--no-such-flag" }, "--no-such-flag")]
    public async Task bad_input_is_one_clear_line_and_exit_code_2(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args, Env("pw"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task missing_password_in_ci_is_a_clear_error()
    {
        var result = await CliRunner.RunAsync(["check", "--endpoint", "127.0.0.1:5439/dev"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("set CARGO_DOCTOR_PASSWORD", result.Stderr);
    }

    [Fact]
    public async Task a_corrupt_facts_file_is_a_clear_error()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("corrupt").FullName, "facts.json");
        await File.WriteAllTextAsync(path, "{ \"schemaVersion\": 1, \"target\": ", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["report", "--facts", path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the facts file is not valid", result.Stderr);
    }

    private static string[] Args(WarehouseScenario scenario, string outDir, params string[] extra) =>
    [
        "check", "--endpoint", $"{scenario.Server.Host}:{scenario.Server.Port}/{scenario.Database}",
        "--user", scenario.User, "--schema", $"{scenario.Database}.sales", "--function-role", scenario.FunctionRole,
        "--out", outDir, .. extra,
    ];

    private static Dictionary<string, string?> Env(string password) => new() { ["CARGO_DOCTOR_PASSWORD"] = password };
}
