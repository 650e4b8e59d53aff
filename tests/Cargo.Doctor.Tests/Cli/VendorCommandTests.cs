using System.Net;
using System.Net.Sockets;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Tests.Checks.Vendor;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Reports;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// Issue 25 item 1: `cargo-doctor vendor` with Cargo's credentials (here the fake's Cargo caller through the standard
/// environment variables) writes the same reports and fix-aws.sh as `check`, saves facts that `report --facts` replays,
/// and refuses missing inputs with one line each and exit 2.
/// </summary>
[Trait("Category", "Cli")]
public sealed class VendorCommandTests : IDisposable
{
    private readonly VendorScenario scenario = new();
    private readonly string outDir = Directory.CreateTempSubdirectory("vendor-cli").FullName;

    public void Dispose()
    {
        scenario.Dispose();
        Directory.Delete(outDir, recursive: true);
    }

    private Task<CliProcess.Result> VendorAsync(params string[] extra) => CliProcess.RunAsync(
        [
            "vendor", "--cargo-role-arn", CargoRoleArn, "--role-arn", CustomerRoleArn, "--bucket", VendorScenario.Bucket,
            "--prefix", VendorScenario.Prefix, "--region", VendorScenario.Region, "--out", outDir, .. extra,
        ],
        new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = scenario.Fake.Url.ToString(),
            ["AWS_ACCESS_KEY_ID"] = VendorScenario.CargoCaller.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = VendorScenario.CargoCaller.SecretKey,
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["CI"] = "true",
        });

    [Fact]
    public async Task a_good_vendor_side_exits_0_and_its_saved_facts_replay()
    {
        var factsPath = Path.Combine(outDir, "..", Path.GetFileName(outDir) + "-vendor.json");

        var run = await VendorAsync("--save-facts", factsPath);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("vendor.trusts-customer-role", run.Stdout + run.Stderr);
        var facts = FactsJson.Deserialize(await File.ReadAllTextAsync(factsPath, TestContext.Current.CancellationToken));
        Assert.Equal(CargoRoleArn, facts.Vendor?.CargoRole?.Arn);
        Assert.DoesNotContain(VendorScenario.CargoCaller.SecretKey, await File.ReadAllTextAsync(factsPath, TestContext.Current.CancellationToken));

        var replay = await CliProcess.RunAsync(["report", "--facts", factsPath, "--out", outDir]);
        File.Delete(factsPath);
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("vendor.bucket-key", await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task a_vendor_facts_replay_selects_vendor_checks_and_a_customer_replay_refuses_them()
    {
        var factsPath = Path.Combine(outDir, "..", Path.GetFileName(outDir) + "-selected.json");
        var run = await VendorAsync("--save-facts", factsPath);
        Assert.True(run.ExitCode == 0, run.ToString());

        var replay = await CliProcess.RunAsync(["report", "--facts", factsPath, "--checks", "vendor.bucket-region", "--skip", "vendor.bucket-key", "--out", outDir]);
        File.Delete(factsPath);
        var customer = await CliProcess.RunAsync(
            ["report", "--facts", Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "sample-facts.json"), "--checks", "vendor.*", "--out", outDir]);

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("vendor.bucket-region", await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"), TestContext.Current.CancellationToken));
        Assert.True(customer.ExitCode == 2, customer.ToString());
        Assert.Contains("vendor.*", customer.Stderr);
        Assert.DoesNotContain("   at ", customer.Stderr);
    }

    [Fact]
    public async Task a_trust_naming_another_role_exits_1_with_an_additive_fix_aws_script()
    {
        scenario.CargoRole.TrustPolicy = VendorScenario.TrustOf("arn:aws:iam::123456789012:role/someone-else");

        var run = await VendorAsync();

        Assert.True(run.ExitCode == 1, run.ToString());
        var script = await File.ReadAllTextAsync(Path.Combine(outDir, "fix-aws.sh"), TestContext.Current.CancellationToken);
        Assert.Contains("aws iam update-assume-role-policy --role-name 'cargo-data-loader'", script);
        Assert.Contains("someone-else", script);
        Assert.Contains("trust_unchanged=", script);
    }

    [Fact]
    public async Task missing_inputs_are_one_line_each_and_exit_2()
    {
        var run = await CliProcess.RunAsync(["vendor", "--region", "eu-west-1", "--out", outDir]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--cargo-role-arn is required", run.Stderr);
        Assert.Contains("--bucket is required", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task an_evidence_folder_is_read_instead_of_aws_and_a_missing_file_names_its_command()
    {
        var evidence = Directory.CreateTempSubdirectory("vendor-cli-evidence").FullName;
        try
        {
            var run = await VendorAsync("--aws-evidence", evidence);

            Assert.True(run.ExitCode is 0 or 1, run.ToString());
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.Empty(scenario.Fake.Requests);
            var report = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"), TestContext.Current.CancellationToken);
            Assert.Contains("get-role.json is missing", report);
            Assert.Contains("aws iam get-role --role-name", report);
        }
        finally
        {
            Directory.Delete(evidence, recursive: true);
        }
    }

    [Fact]
    public async Task the_evidence_commands_are_printed_with_this_runs_values()
    {
        var run = await VendorAsync("--aws-evidence-commands");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("aws iam get-role --role-name 'cargo-data-loader' --output json > get-role.json 2>&1", run.Stdout);
        Assert.Contains("aws s3api get-bucket-policy --bucket 'cargo-exchange' --region <bucket-region> --output json > get-bucket-policy.json 2>&1", run.Stdout);
        Assert.Contains("aws kms list-grants --key-id <KMSMasterKeyID>", run.Stdout);
        Assert.Empty(scenario.Fake.Requests);
    }

    [Fact]
    public async Task an_evidence_folder_that_does_not_exist_is_one_line_and_exit_2()
    {
        var run = await VendorAsync("--aws-evidence", Path.Combine(outDir, "absent"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--aws-evidence folder not found", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task vendor_probe_with_sslmode_require_in_the_endpoint_against_a_server_refusing_ssl_exits_1_naming_ssl_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = NetworkPathProbeTests.RefuseSslAsync(listener, ct);
        try
        {
            var run = await CliProcess.RunAsync(
                [
                    "vendor", "--cargo-role-arn", CargoRoleArn, "--role-arn", CustomerRoleArn, "--bucket", VendorScenario.Bucket,
                    "--prefix", VendorScenario.Prefix, "--region", VendorScenario.Region, "--out", outDir,
                    "--endpoint", $"postgresql://127.0.0.1:{port}/dev?sslmode=require", "--probe",
                ],
                new Dictionary<string, string?>
                {
                    ["AWS_ENDPOINT_URL"] = scenario.Fake.Url.ToString(),
                    ["AWS_ACCESS_KEY_ID"] = VendorScenario.CargoCaller.AccessKey,
                    ["AWS_SECRET_ACCESS_KEY"] = VendorScenario.CargoCaller.SecretKey,
                    ["AWS_MAX_ATTEMPTS"] = "1",
                    ["CARGO_DOCTOR_PASSWORD"] = null,
                    ["PGPASSWORD"] = null,
                    ["CI"] = "true",
                });
            await serving;

            Assert.True(run.ExitCode == 1, run.ToString());
            var report = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"), ct);
            Assert.Contains("refuses SSL", report);
            Assert.Contains("Cargo connects only over SSL", report);
        }
        finally
        {
            listener.Stop();
        }
    }
}
