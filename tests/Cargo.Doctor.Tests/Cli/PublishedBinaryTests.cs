using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// The native binary the README installs (Native AOT, issue 11) is published from a copy of the
/// sources and run as a user would: replay of the sample, then a live `check` of a warehouse over TLS
/// and of an AWS account (the loopback fake) with the facts saved and replayed redacted. Trimming and
/// ahead-of-time compilation fail at run time, not at build time, where code still needs reflection
/// (JSON, the AWS credential chain, Npgsql's type handling): this is where that shows. The tool package
/// is packed and installed too. Slow: two AOT compiles.
/// </summary>
[Trait("Category", "Cli")]
[Trait("Category", "Warehouse")]
[Trait("Category", "Aws")]
public sealed class PublishedBinaryTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private const string RoleName = "cargo-redshift-role";
    private const string ClusterId = "cargo-native-cluster";
    private const string CargoIp = "3.248.0.10";

    private readonly FakeAwsEndpoint fake = new("eu-west-1");

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task native_binary_replays_the_sample_checks_a_warehouse_and_aws_and_replays_its_facts_redacted()
    {
        var root = SampleFactsTests.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("cargo-doctor-publish-").FullName;
        try
        {
            var output = Path.Combine(work, "out");
            var project = CopySources(root, Path.Combine(work, "repo"));
            var publish = await RunAsync("dotnet", ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                "-p:PublishAot=true", "-o", output, "--nologo"], TimeSpan.FromMinutes(20));
            Assert.True(publish.ExitCode == 0, publish.ToString());

            // One native executable (no managed cargo-doctor.dll, no runtime beside it) and the catalog next to it.
            var exe = Path.Combine(output, "cargo-doctor");
            Assert.True(File.Exists(exe), publish.ToString());
            Assert.Empty(Directory.GetFiles(output, "*.dll"));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "checks"), "*.md"));

            var version = await RunAsync(exe, ["--version"], TimeSpan.FromMinutes(2));
            Assert.Equal(0, version.ExitCode);
            Assert.Equal(ToolVersion.Current, version.Stdout.Trim());

            var sample = Path.Combine(work, "sample");
            var report = await RunAsync(exe, ["report", "--facts", Path.Combine(root, "samples", "sample-facts.json"), "--out", sample],
                TimeSpan.FromMinutes(2));
            // The sample is a partly broken setup: a failed check is exit code 1, and every report says which.
            Assert.True(report.ExitCode == 1, report.ToString());
            Assert.Contains("db.schema-usage", report.Stdout);
            Assert.Contains("db.schema-usage", await File.ReadAllTextAsync(Path.Combine(sample, "report.md"), TestContext.Current.CancellationToken));
            Assert.Equal("db.schema-usage", FindingsByStatus(Path.Combine(sample, "report.json"), "fail").First(id => id == "db.schema-usage"));

            // A config file (YAML) with an acceptance: read by the native binary too.
            var config = Path.Combine(work, "accept.yml");
            var expires = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await File.WriteAllTextAsync(config, $"""
                accept:
                  - check: db.schema-usage
                    reason: "reviewed with the data team"
                    owner: data-platform@example.com
                    expires: {expires}
                """, TestContext.Current.CancellationToken);
            var accepted = Path.Combine(work, "accepted");
            var withConfig = await RunAsync(exe, ["report", "--facts", Path.Combine(root, "samples", "sample-facts.json"), "--config", config, "--out", accepted],
                TimeSpan.FromMinutes(2));
            Assert.True(withConfig.ExitCode == 1, withConfig.ToString());
            Assert.Equal(["db.schema-usage"], FindingsByStatus(Path.Combine(accepted, "report.json"), "accepted"));

            await LiveCheckAndRedactedReplayAsync(exe, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The .NET tool as the README installs it: the package naming the platforms, this platform's
    /// native package and the portable one, installed from that folder alone (its own NuGet cache, so
    /// no tool of an earlier run is picked up) and run.
    /// </summary>
    [Fact]
    public async Task tool_package_installs_the_native_binary_for_this_platform_and_runs()
    {
        var root = SampleFactsTests.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("cargo-doctor-pack-").FullName;
        try
        {
            var project = CopySources(root, Path.Combine(work, "repo"));
            var feed = Path.Combine(work, "nupkg");
            var rid = RuntimeInformation.RuntimeIdentifier;
            foreach (var ridArgs in new[] { Array.Empty<string>(), ["-r", rid], ["-r", "any"] })
            {
                var pack = await RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", feed, "--nologo", .. ridArgs], TimeSpan.FromMinutes(20));
                Assert.True(pack.ExitCode == 0, pack.ToString());
            }

            Assert.Equal(
                [$"cargo-doctor.{ToolVersion.Current}.nupkg", $"cargo-doctor.any.{ToolVersion.Current}.nupkg", $"cargo-doctor.{rid}.{ToolVersion.Current}.nupkg"],
                Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));

            var config = Path.Combine(work, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{System.Security.SecurityElement.Escape(feed)}" /></packageSources></configuration>
                """, TestContext.Current.CancellationToken);
            var tools = Path.Combine(work, "tools");
            var install = await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "cargo-doctor"], TimeSpan.FromMinutes(5),
                new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-cache") });
            Assert.True(install.ExitCode == 0, install.ToString());

            // The command is this platform's native executable, not the portable IL behind a .NET host.
            var command = Path.Combine(tools, "cargo-doctor");
            var target = new FileInfo(command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command;
            Assert.Contains($"cargo-doctor.{rid}", target, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.dll"));

            var version = await RunAsync(command, ["--version"], TimeSpan.FromMinutes(2));
            Assert.Equal(ToolVersion.Current, version.Stdout.Trim());
            var reports = Path.Combine(work, "reports");
            var report = await RunAsync(command, ["report", "--facts", Path.Combine(root, "samples", "sample-facts.json"), "--out", reports], TimeSpan.FromMinutes(2));
            Assert.True(report.ExitCode == 1, report.ToString());
            Assert.Contains("db.schema-usage", FindingsByStatus(Path.Combine(reports, "report.json"), "fail"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task LiveCheckAndRedactedReplayAsync(string exe, string work)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var account = new FakeAwsAccount(fake);
        var role = account.Roles[RoleName] = new FakeRole(RoleName, account.RoleArn(RoleName), FakeAwsResponses.RedshiftServiceTrustPolicy());
        role.InlinePolicies["cargo-assume"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{FakeAwsResponses.CargoRoleArn}}"}]}""";
        var cluster = account.Clusters[ClusterId] = new FakeCluster(ClusterId) { PubliclyAccessible = true, Port = scenario.Server.Port };
        cluster.SecurityGroupIds.Add("sg-0native");
        cluster.IamRoles.Add(role.Arn);
        account.SecurityGroups["sg-0native"] = [new FakeIngressRule("tcp", scenario.Server.Port, scenario.Server.Port, CargoIp + "/32")];

        var live = Path.Combine(work, "live");
        var facts = Path.Combine(work, "facts.json");
        var check = await RunAsync(exe,
        [
            "check", "--endpoint", $"{scenario.Server.Host}:{scenario.Server.Port}/{scenario.Database}", "--sslmode", "require",
            "--user", scenario.User, "--schema", $"{scenario.Database}.sales", "--function-role", scenario.FunctionRole,
            "--region", "eu-west-1", "--cluster", ClusterId, "--role-arn", role.Arn, "--cargo-role-arn", FakeAwsResponses.CargoRoleArn,
            "--cargo-ip", CargoIp, "--read-only", "--out", live, "--format", "json,md,html,junit,sarif", "--save-facts", facts,
        ], TimeSpan.FromMinutes(3), AwsAndWarehouseEnvironment());

        Assert.Empty(fake.SigningProblems);
        var failed = FindingsByStatus(Path.Combine(live, "report.json"), "fail").ToList();
        Assert.True(check.ExitCode == 0 && failed.Count == 0, check + "\nfailed: " + string.Join(", ", failed));
        var passed = FindingsByStatus(Path.Combine(live, "report.json"), "pass").ToList();
        foreach (var id in new[] { "db.connect", "db.table-grants", "iam.trust-policy", "iam.assume-cargo-role", "iam.role-attached", "net.ingress" })
        {
            Assert.True(passed.Contains(id), $"{id} did not pass:\n{Statuses(Path.Combine(live, "report.json"))}");
        }

        // The fake cluster's endpoint name resolves nowhere (tests touch loopback only), and the tool says so.
        Assert.Contains("net.publicly-accessible", FindingsByStatus(Path.Combine(live, "report.json"), "unknown"));
        Assert.Contains("SSL", Details(Path.Combine(live, "report.json"), "db.connect"), StringComparison.Ordinal);
        foreach (var file in new[] { "report.md", "report.html", "report.junit.xml", "report.sarif", "fix.sql", "fix-aws.sh" })
        {
            Assert.True(File.Exists(Path.Combine(live, file)), file);
        }

        // The saved facts replay to the same findings, and --redact hides the customer's names.
        var replay = Path.Combine(work, "replay");
        var redacted = await RunAsync(exe, ["report", "--facts", facts, "--redact", "--format", "json,md", "--out", replay], TimeSpan.FromMinutes(2));
        Assert.True(redacted.ExitCode == 0, redacted.ToString());
        Assert.Equal(passed, FindingsByStatus(Path.Combine(replay, "report.json"), "pass").ToList());
        var text = await File.ReadAllTextAsync(Path.Combine(replay, "report.md"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(ClusterId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.User, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsResponses.AccountId, text, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> AwsAndWarehouseEnvironment() => new()
    {
        ["CARGO_DOCTOR_PASSWORD"] = WarehouseScenario.Password,
        ["AWS_ENDPOINT_URL"] = fake.Url.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.SecretKey,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    private static IEnumerable<string> FindingsByStatus(string reportJson, string status) =>
        JsonDocument.Parse(File.ReadAllText(reportJson)).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("status").GetString() == status)
            .Select(f => f.GetProperty("checkId").GetString()!);

    private static string Statuses(string reportJson) =>
        string.Join("\n", JsonDocument.Parse(File.ReadAllText(reportJson)).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("checkId").GetString()}: {f.GetProperty("status").GetString()}: {f.GetProperty("summary").GetString()}"));

    private static string Details(string reportJson, string checkId) =>
        string.Join("\n", JsonDocument.Parse(File.ReadAllText(reportJson)).RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("checkId").GetString() == checkId)
            .GetProperty("details").EnumerateArray().Select(d => d.GetString()));

    /// <summary>The sources a publish needs, without bin/obj, so this publish never shares output with the test build.</summary>
    private static string CopySources(string root, string target)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(root, file), Path.Combine(target, file));
        }

        foreach (var folder in new[] { "src", "checks" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                var copy = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }

        return Path.Combine(target, "src", "Cargo.Doctor.Cli", "Cargo.Doctor.Cli.csproj");
    }

    private static async Task<CliProcess.Result> RunAsync(
        string fileName, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would point a nested `dotnet publish` at the test's own build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var name in new[] { "CARGO_DOCTOR_PASSWORD", "PGPASSWORD", "CI", "AWS_PROFILE", "AWS_REGION", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        start.Environment["CI"] = "1";

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {timeout}");
        }

        return new CliProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
