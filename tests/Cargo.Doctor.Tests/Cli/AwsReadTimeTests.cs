using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// `check` prints how long its AWS reads took (issue 23: the benchmark reads it), on the progress stream, and only when
/// AWS was read. The value is not asserted: no test depends on the machine's speed.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class AwsReadTimeTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly string outDir = Directory.CreateTempSubdirectory("aws-read-time").FullName;

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public async Task check_with_aws_prints_the_aws_read_time_on_stderr()
    {
        fake.PublicClusterInVpc();

        var run = await CliProcess.RunAsync(
            ["check", "--cluster", ClusterId, "--region", "eu-west-1", "--role-arn", CustomerRoleArn, "--cargo-role-arn", CargoRoleArn, "--cargo-ip", CargoIpCidr, "--out", outDir, "--format", "json"],
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = fake.Url.ToString(),
                ["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.SecretKey,
                ["AWS_MAX_ATTEMPTS"] = "1",
                ["CI"] = "true",
            });

        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        Assert.Single(run.Stderr.Split('\n'), line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^AWS facts read in [0-9]+ ms$"));
        Assert.DoesNotContain("AWS facts read", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsEndpoint.SecretKey, run.Stderr, StringComparison.Ordinal);
    }
}
