using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Hardening;

namespace Cargo.Doctor.Tests.Fleet;

/// <summary>
/// Issue 27: SIGINT during a fleet run writes the summary of what finished (the rest "not run", their
/// checks unknown) and exits 130 as a one-target run does (README, exit codes). The first target's
/// warehouse refuses at once; the second is a listener that accepts and never answers, so with
/// --parallel 1 its connection proves the first target finished and the second is mid-run.
/// </summary>
[Trait("Category", "Cli")]
public sealed class FleetSignalTests
{
    [Fact]
    public async Task sigint_after_the_first_target_writes_a_partial_summary_and_exits_130()
    {
        await using var listener = new LoopbackListener();
        var folder = Directory.CreateTempSubdirectory("fleet-signal").FullName;
        var config = Path.Combine(folder, "fleet.yml");
        await File.WriteAllTextAsync(config, $"""
            readOnly: true
            warehouse:
              connectTimeout: 300
            targets:
              - name: refused
                warehouse:
                  endpoint: "127.0.0.1:{ClosedPort()}/dev"
                  schemas: [dev.sales]
              - name: hanging
                warehouse:
                  endpoint: "{listener.Endpoint}"
                  schemas: [dev.sales]
              - name: waiting
                warehouse:
                  endpoint: "127.0.0.1:{ClosedPort()}/dev"
                  schemas: [dev.sales]
            """, TestContext.Current.CancellationToken);
        var outDir = Path.Combine(folder, "out");
        string[] args = ["check", "--config", config, "--out", outDir, "--format", "json,md", "--parallel", "1"];
        using var process = CliProcess.Start(args, new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = "pw", ["CI"] = "true" });

        await listener.WaitForConnectionAsync(TimeSpan.FromSeconds(60));
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))!)
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, kill.ExitCode);
        }

        var result = await CliProcess.WaitAsync(process, args);

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("cancelled (SIGINT)", result.Stderr);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "fleet-summary.json")));
        Assert.Equal(130, summary.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal("cancelled by SIGINT", summary.RootElement.GetProperty("stopped").GetString());
        var targets = summary.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["refused", "hanging", "waiting"], targets.Keys);
        Assert.Equal("failed", targets["refused"].GetProperty("outcome").GetString()); // connection refused: db.connect fails
        Assert.True(File.Exists(Path.Combine(outDir, "refused", "report.json")));
        Assert.Equal("not run", targets["hanging"].GetProperty("outcome").GetString());
        Assert.Equal("cancelled by SIGINT before it finished", targets["hanging"].GetProperty("error").GetString());
        Assert.Equal("not run", targets["waiting"].GetProperty("outcome").GetString());
        Assert.Equal("not started: cancelled by SIGINT", targets["waiting"].GetProperty("error").GetString());
        foreach (var name in new[] { "hanging", "waiting" })
        {
            Assert.All(targets[name].GetProperty("checks").EnumerateObject(), c => Assert.Equal("unknown", c.Value.GetString()));
            Assert.Equal(JsonValueKind.Null, targets[name].GetProperty("report").ValueKind);
        }

        var md = File.ReadAllText(Path.Combine(outDir, "fleet-summary.md"));
        Assert.Contains("The run was stopped (cancelled by SIGINT)", md);
        Assert.Contains("exit code 130", md);
    }

    [Fact]
    public async Task format_selects_the_summarys_formats_as_it_selects_a_single_runs()
    {
        var folder = Directory.CreateTempSubdirectory("fleet-format").FullName;
        var config = Path.Combine(folder, "fleet.yml");
        await File.WriteAllTextAsync(config, $"""
            readOnly: true
            targets:
              - name: refused
                warehouse:
                  endpoint: "127.0.0.1:{ClosedPort()}/dev"
            """, TestContext.Current.CancellationToken);
        var outDir = Path.Combine(folder, "out");

        var result = await CliProcess.RunAsync(
            ["check", "--config", config, "--out", outDir, "--format", "md,junit"],
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = "pw", ["CI"] = "true" });

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "fleet-summary.md")), result.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "fleet-summary.junit.xml")));
        Assert.False(File.Exists(Path.Combine(outDir, "fleet-summary.json")));
        Assert.False(File.Exists(Path.Combine(outDir, "fleet-summary.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "refused", "report.md")));
        Assert.False(File.Exists(Path.Combine(outDir, "refused", "report.html")));
    }

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
