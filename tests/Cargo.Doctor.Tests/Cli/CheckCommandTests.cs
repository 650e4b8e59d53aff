using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>The `check` and `report` commands end to end: replay and one-line errors (secrets: NoSecretTests).</summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class CheckCommandTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task replayed_facts_give_the_same_report()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await scenario.AdminAsync($"REVOKE DELETE ON \"sales\".\"orders\" FROM {scenario.Quoted(scenario.User)}");
        var outDir = Directory.CreateTempSubdirectory("replay").FullName;
        var facts = Path.Combine(outDir, "facts.json");

        var live = await CliProcess.RunAsync(Args(scenario, Path.Combine(outDir, "live"), "--save-facts", facts, "--format", "json"), Env(WarehouseScenario.Password));
        var replay = await CliProcess.RunAsync(["report", "--facts", facts, "--out", Path.Combine(outDir, "replay"), "--format", "json"], Env("unused"));

        Assert.Equal(1, live.ExitCode);
        Assert.Equal(1, replay.ExitCode);
        static string Findings(string path) =>
            System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => $"{f.GetProperty("checkId")}|{f.GetProperty("status")}|{f.GetProperty("summary")}|{string.Join(";", f.GetProperty("details").EnumerateArray())}")
                .Aggregate((a, b) => a + "\n" + b);
        Assert.Equal(Findings(Path.Combine(outDir, "live", "report.json")), Findings(Path.Combine(outDir, "replay", "report.json")));
        Assert.Contains("missing DELETE", Findings(Path.Combine(outDir, "replay", "report.json")));
        static int Statements(string path) =>
            System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("warehouseStatements").GetInt32();
        Assert.True(Statements(Path.Combine(outDir, "live", "report.json")) > 5);
        Assert.Equal(Statements(Path.Combine(outDir, "live", "report.json")), Statements(Path.Combine(outDir, "replay", "report.json")));
    }

    [Theory]
    [InlineData(new[] { "check", "--endpoint", "h:notaport/db" }, "the port after ':' is not a number")]
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
        var result = await CliProcess.RunAsync(args, Env("pw"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task a_corrupt_facts_file_is_a_clear_error()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("corrupt").FullName, "facts.json");
        await File.WriteAllTextAsync(path, "{ \"schemaVersion\": 1, \"target\": ", TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["report", "--facts", path], Env("unused"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the facts file is not valid", result.Stderr);
    }

    private static string[] Args(WarehouseScenario scenario, string outDir, params string[] extra) =>
    [
        "check", "--endpoint", $"{scenario.Server.Host}:{scenario.Server.Port}/{scenario.Database}",
        "--user", scenario.User, "--schema", $"{scenario.Database}.sales", "--function-role", scenario.FunctionRole,
        "--out", outDir, .. extra,
    ];

    private static Dictionary<string, string?> Env(string password) => new() { ["CARGO_DOCTOR_PASSWORD"] = password, ["CI"] = "true" };
}
