using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Xml.Linq;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Fleet;

/// <summary>
/// Issue 27: `check --config fleet.yml` with targets: a good, a broken and an unreachable warehouse
/// (the Redshift stand-in), each with its own baseline and acceptances, one summary, the worst exit code.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class FleetCheckTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static string Day(int daysFromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task good_broken_and_unreachable_give_one_summary_and_exit_code_1_with_each_targets_baseline_and_acceptances()
    {
        var folder = Directory.CreateTempSubdirectory("fleet").FullName;
        var good = await WarehouseScenario.CreateReadyAsync(server);
        var broken = await WarehouseScenario.CreateReadyAsync(server);
        // The broken warehouse's baseline already misses DELETE on orders; since then it lost TEMP on its database too.
        await broken.AdminAsync($"REVOKE DELETE ON \"sales\".\"orders\" FROM {broken.Quoted(broken.User)}");
        var before = await CliProcess.RunAsync(
            ["check", "--endpoint", Endpoint(broken), "--user", broken.User, "--schema", $"{broken.Database}.sales", "--function-role", broken.FunctionRole,
             "--read-only", "--format", "json", "--out", Path.Combine(folder, "before")],
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = WarehouseScenario.Password, ["CI"] = "true" });
        Assert.True(before.ExitCode == 1, before.ToString());
        await broken.AdminAsync($"REVOKE TEMP ON DATABASE {broken.Quoted(broken.Database)} FROM {broken.Quoted(broken.User)}");
        await broken.AdminAsync($"REVOKE TEMP ON DATABASE {broken.Quoted(broken.Database)} FROM PUBLIC");

        var config = Path.Combine(folder, "fleet.yml");
        await File.WriteAllTextAsync(config, $"""
            readOnly: true
            warehouse:
              connectTimeout: 5
            targets:
              - name: good
                passwordEnv: FLEET_GOOD_PASSWORD
                {Warehouse(good)}
                      sslMode: disable
              - name: broken
                passwordEnv: FLEET_BROKEN_PASSWORD
                baseline: before/report.json
                {Warehouse(broken)}
              - name: down
                passwordEnv: FLEET_DOWN_PASSWORD
                warehouse:
                  endpoint: "127.0.0.1:{ClosedPort()}/dev"
                  schemas: [dev.sales]
                accept:
                  - check: db.connect
                    reason: "down for maintenance"
                    owner: ops@example.com
                    expires: {Day(30)}
            """, TestContext.Current.CancellationToken);
        var outDir = Path.Combine(folder, "out");

        var result = await CliProcess.RunAsync(
            ["check", "--config", config, "--out", outDir, "--format", "json,md,html,junit", "--parallel", "2"],
            new Dictionary<string, string?>
            {
                ["FLEET_GOOD_PASSWORD"] = WarehouseScenario.Password,
                ["FLEET_BROKEN_PASSWORD"] = WarehouseScenario.Password,
                ["FLEET_DOWN_PASSWORD"] = "unused",
                ["CI"] = "true",
            });

        Assert.True(result.ExitCode == 1, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "fleet-summary.json")));
        var targets = summary.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["good", "broken", "down"], targets.Keys);
        string Cell(string target, string check) => targets[target].GetProperty("checks").GetProperty(check).GetString()!;
        Assert.Equal("ok", targets["good"].GetProperty("outcome").GetString());
        Assert.Equal("pass", Cell("good", "db.table-grants"));
        // Reached without SSL: a warning on db.connect, and the read-only run's probes stay skipped (not unknown).
        Assert.Equal("warn", Cell("good", "db.connect"));
        Assert.Equal("skipped", Cell("good", "probe.schema-create"));
        Assert.Equal("unknown", Cell("down", "probe.schema-create"));
        Assert.Equal("failed", targets["broken"].GetProperty("outcome").GetString());
        Assert.Equal("fail", Cell("broken", "db.table-grants"));
        Assert.Equal("fail", Cell("broken", "db.database-privileges"));
        Assert.Equal("unknown", targets["down"].GetProperty("outcome").GetString());
        Assert.Equal("accepted", Cell("down", "db.connect"));
        Assert.Equal("unknown", Cell("down", "db.table-grants"));
        Assert.Equal(1, summary.RootElement.GetProperty("exitCode").GetInt32());

        // Each target's own report folder, with its own baseline (the old failure unchanged, the new one new).
        using var brokenReport = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "broken", "report.json")));
        string? Mark(string check) => brokenReport.RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("checkId").GetString() == check).GetProperty("baseline").GetString();
        Assert.Equal("unchanged", Mark("db.table-grants"));
        Assert.Equal("new", Mark("db.database-privileges"));
        Assert.Equal("broken/report.html", targets["broken"].GetProperty("report").GetString());
        Assert.True(File.Exists(Path.Combine(outDir, "good", "report.md")));
        Assert.Contains("down for maintenance", File.ReadAllText(Path.Combine(outDir, "down", "report.md")));

        // The matrix in every format, linking each report; one progress line per finished target.
        var md = File.ReadAllText(Path.Combine(outDir, "fleet-summary.md"));
        Assert.Contains("(<broken/report.html>)", md);
        Assert.Contains("href=\"good/report.html\"", File.ReadAllText(Path.Combine(outDir, "fleet-summary.html")));
        var suites = XDocument.Load(Path.Combine(outDir, "fleet-summary.junit.xml")).Descendants("testsuite").ToList();
        Assert.Equal(["good", "broken", "down"], suites.Select(s => s.Attribute("name")!.Value));
        Assert.Equal(3, result.Stderr.Split('\n').Count(l => l.Contains("/3] ", StringComparison.Ordinal)));
        Assert.DoesNotContain(WarehouseScenario.Password, result.Stdout + result.Stderr + md);
    }

    [Fact]
    public async Task a_password_in_a_target_is_refused_and_names_passwordEnv()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("fleet").FullName, "fleet.yml");
        await File.WriteAllTextAsync(config, """
            targets:
              - name: prod
                password: hunter2
                warehouse:
                  endpoint: "127.0.0.1:5439/dev"
            """, TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["check", "--config", config], new Dictionary<string, string?> { ["CI"] = "true" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 3: targets[1].password: not allowed in the config file; name the environment variable that holds it with passwordEnv", result.Stderr);
        Assert.DoesNotContain("hunter2", result.Stdout + result.Stderr);
    }

    private static string Endpoint(WarehouseScenario s) => $"{s.Server.Host}:{s.Server.Port}/{s.Database}";

    /// <summary>The target's warehouse section, indented to sit under its list item.</summary>
    private static string Warehouse(WarehouseScenario s) => $"""
        warehouse:
                  endpoint: "{Endpoint(s)}"
                  user: {s.User}
                  functionRole: {s.FunctionRole}
                  schemas: [{s.Database}.sales]
        """;

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
