using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Vendor;
using Cargo.Doctor.Sources.Vendor;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Checks.Vendor;

/// <summary>
/// Issue 25 item 4, the login: with the Cargo user's password in the environment, <c>vendor --probe</c> goes past the
/// authentication request and logs in (on the loopback PostgreSQL fixture, SCRAM over TLS), naming a wrong password
/// or a missing database; the password is never in the output, the reports or the facts.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class VendorLoginProbeTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private const string WrongPassword = "Wr0ng-vendor-probe-secret";
    private readonly VendorScenario scenario = new();
    private readonly string outDir = Directory.CreateTempSubdirectory("vendor-login").FullName;

    public void Dispose()
    {
        scenario.Dispose();
        Directory.Delete(outDir, recursive: true);
    }

    private WarehouseConfig Warehouse => new() { Host = server.Host, Port = server.Port, User = PostgresServer.AdminUser, SslMode = WarehouseSslMode.Require };

    [Fact]
    public async Task the_right_password_logs_in_and_a_wrong_password_or_a_missing_database_is_named()
    {
        var ct = TestContext.Current.CancellationToken;

        var ok = await VendorLoginProbe.RunAsync(Warehouse, "postgres", PostgresServer.AdminPassword, ct);
        var wrong = await VendorLoginProbe.RunAsync(Warehouse, "postgres", WrongPassword, ct);
        var missing = await VendorLoginProbe.RunAsync(Warehouse, server.UniqueName("absent"), PostgresServer.AdminPassword, ct);

        Assert.Equal("login:ok", $"{ok.Step}:{ok.Outcome}");
        Assert.Contains("over TLS", ok.Detail);
        Assert.Equal("wrong-password", wrong.Outcome);
        Assert.Equal("no-database", missing.Outcome);
        Assert.DoesNotContain(WrongPassword, wrong.Detail);
        Assert.DoesNotContain(PostgresServer.AdminPassword, ok.Detail + missing.Detail);
    }

    [Fact]
    public async Task vendor_probe_with_a_wrong_password_fails_the_network_path_and_never_shows_the_password()
    {
        var factsPath = Path.Combine(outDir, "facts.json");

        var run = await CliProcess.RunAsync(
            [
                "vendor", "--cargo-role-arn", CargoRoleArn, "--role-arn", CustomerRoleArn, "--bucket", VendorScenario.Bucket,
                "--prefix", VendorScenario.Prefix, "--region", VendorScenario.Region, "--out", outDir, "--save-facts", factsPath,
                "--endpoint", $"{server.Host}:{server.Port}/postgres", "--probe", "--format", "md,json,html",
            ],
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = scenario.Fake.Url.ToString(),
                ["AWS_ACCESS_KEY_ID"] = VendorScenario.CargoCaller.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = VendorScenario.CargoCaller.SecretKey,
                ["AWS_MAX_ATTEMPTS"] = "1",
                ["CARGO_DOCTOR_PASSWORD"] = WrongPassword,
                ["CI"] = "true",
            });

        Assert.True(run.ExitCode == 1, run.ToString());
        var report = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("login fails (wrong-password)", report);
        Assert.Contains(NetworkPathRule.Id, report);
        Assert.DoesNotContain(WrongPassword, run.Stdout + run.Stderr);
        foreach (var file in Directory.EnumerateFiles(outDir))
        {
            Assert.DoesNotContain(WrongPassword, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        }

        var facts = Cargo.Doctor.Facts.FactsJson.Deserialize(await File.ReadAllTextAsync(factsPath, TestContext.Current.CancellationToken));
        Assert.Equal("wrong-password", facts.Vendor?.Probe?.Steps[^1].Outcome);
        Assert.Equal(CheckStatus.Fail, VendorScenario.Run(facts).Single(f => f.CheckId == NetworkPathRule.Id).Status);
    }
}
