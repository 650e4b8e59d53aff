using Cargo.Doctor.Config;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>
/// A malformed Cargo IP is a one-line usage error found before any AWS call: the CLI runs against the
/// fake AWS, and the fake's recorded requests (not only the validator's answer) show that nothing was
/// called. Moved from <see cref="AwsSourceScenarioTests"/>, which asked the validator only (issue 21).
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class AwsSourceBeforeAnyCallTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task malformed_cargo_ip_is_a_one_line_config_error_before_any_call()
    {
        fake.AllGoodProvisioned();
        var config = AwsScenario.Provisioned() with { Cargo = new CargoConfig { Ips = ["3.248.0.300"] } };
        var outDir = Directory.CreateTempSubdirectory("before-any-call").FullName;

        var run = await CliProcess.RunAsync(
            [
                "check", "--cluster", ClusterId, "--region", "eu-west-1", "--role-arn", CustomerRoleArn,
                "--cargo-role-arn", CargoRoleArn, "--cargo-ip", "3.248.0.300", "--out", outDir,
            ],
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = fake.Url.ToString(),
                ["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.SecretKey,
                ["CI"] = "true",
            });

        Assert.Contains("--cargo-ip '3.248.0.300' is not an IP address or CIDR (e.g. 203.0.113.7 or 203.0.113.0/24)", DoctorConfigValidator.Validate(config));
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: --cargo-ip '3.248.0.300' is not an IP address or CIDR", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
    }
}
