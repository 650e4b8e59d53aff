using System.Text.Json;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

namespace Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;

/// <summary>One `cargo-doctor check` child process against a stand-in, and what a customer reads from it.</summary>
public sealed record RoundTripRun(CliProcess.Result Process, JsonElement Report, JsonElement Facts)
{
    public JsonElement Finding(string checkId) =>
        Report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("checkId").GetString() == checkId);

    public string Status(string checkId) => Finding(checkId).GetProperty("status").GetString()!;

    public string Summary(string checkId) => Finding(checkId).GetProperty("summary").GetString()!;

    public IReadOnlyList<string> Details(string checkId) =>
        Finding(checkId).GetProperty("details").EnumerateArray().Select(d => d.GetString()!).ToList();

    public IReadOnlyList<string> RemediationKeys(string checkId) =>
        Finding(checkId).GetProperty("remediation").EnumerateArray().Select(r => r.GetProperty("key").GetString()!).Distinct().ToList();

    public string Remediation(string checkId) =>
        string.Join("\n", Finding(checkId).GetProperty("remediation").EnumerateArray().Select(r => r.GetProperty("text").GetString()));

    /// <summary>The run's S3 folder as the probe recorded it (s3://bucket/prefix/cargo-doctor/run-id/).</summary>
    public string Folder => Facts.GetProperty("probes").GetProperty("roundTrip").GetProperty("folder").GetString()!;

    /// <summary>The folder's key prefix inside the bucket.</summary>
    public string KeyPrefix => Folder["s3://".Length..].Split('/', 2)[1];

    public IReadOnlyList<string> StandInFaults { get; init; } = [];

    public override string ToString() => Process + (StandInFaults.Count == 0 ? "" : "\n--- stand-in faults\n" + string.Join("\n", StandInFaults));
}

public static class RoundTripCli
{
    public const string Probe = CopyRoundTripProbeRule.Id;

    /// <summary>Runs the CLI as a customer would, TLS required, with the round-trip flags; extra flags and environment appended.</summary>
    public static async Task<RoundTripRun> RunAsync(
        RedshiftStandIn standIn, WarehouseScenario scenario, string? bucketRegion = null, string[]? extra = null, Dictionary<string, string?>? env = null,
        string customerRole = ProbeConfigs.CustomerRole, string cargoRole = ProbeConfigs.CargoRole)
    {
        var outDir = Directory.CreateTempSubdirectory("standin-run").FullName;
        var factsPath = Path.Combine(outDir, "facts.json");
        string[] args =
        [
            "check", "--endpoint", $"{standIn.Host}:{standIn.Port}/{scenario.Database}", "--sslmode", "require",
            "--user", scenario.User, "--schema", $"{scenario.Database}.sales", "--function-role", scenario.FunctionRole,
            "--bucket", ProbeConfigs.Bucket, "--prefix", "acme", "--role-arn", customerRole, "--cargo-role-arn", cargoRole,
            .. bucketRegion is null ? Array.Empty<string>() : ["--bucket-region", bucketRegion],
            "--out", outDir, "--format", "json", "--save-facts", factsPath, .. extra ?? [],
        ];
        var environment = new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = WarehouseScenario.Password, ["CI"] = "true" };
        foreach (var (name, value) in env ?? [])
        {
            environment[name] = value;
        }

        var result = await CliProcess.RunAsync(args, environment);
        var reportPath = Path.Combine(outDir, "report.json");
        Assert.True(File.Exists(reportPath) && File.Exists(factsPath), $"no report or facts written:\n{result}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath, TestContext.Current.CancellationToken));
        using var facts = JsonDocument.Parse(await File.ReadAllTextAsync(factsPath, TestContext.Current.CancellationToken));
        return new RoundTripRun(result, report.RootElement.Clone(), facts.RootElement.Clone()) { StandInFaults = standIn.Faults };
    }

    /// <summary>The setup guide's world: customer role attached and trusted, allowed to assume Cargo's role, which trusts it and may use the bucket.</summary>
    public static void GoodWorld(AwsWorld w) => w
        .CustomerRole(ProbeConfigs.CustomerRole, ProbeConfigs.CargoRole)
        .CargoRole(ProbeConfigs.CargoRole, trusts: ProbeConfigs.CustomerRole)
        .Bucket(ProbeConfigs.Bucket, "eu-west-1", readWrite: [ProbeConfigs.CargoRole]);
}
