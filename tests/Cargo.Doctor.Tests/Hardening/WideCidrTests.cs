using System.Text.Json;
using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 13.8: a <c>--cargo-ip</c> wider than /16 (IPv4) or /48 (IPv6) would have the fix script open the
/// warehouse port to (a large part of) the internet: it is a usage error unless <c>--allow-wide-cidr</c>
/// is given, and even then nothing proposes opening the port to it and the report warns. Cargo IPs are
/// validated whether or not the AWS checks are configured.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class WideCidrTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    [InlineData("3.248.0.0/15")]
    [InlineData("2001:db8::/47")]
    public async Task wide_cargo_ip_is_a_one_line_usage_error_without_allow_wide_cidr(string cidr)
    {
        var result = await RunCheckAsync(["--cargo-ip", cidr]);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"--cargo-ip '{cidr}'", line);
        Assert.Contains("--allow-wide-cidr", line);
    }

    [Theory]
    [InlineData("3.248.0.0/16")]
    [InlineData("2001:db8:1::/48")]
    [InlineData("3.248.0.10")]
    public async Task narrow_enough_cargo_ip_is_accepted(string cidr)
    {
        var result = await RunCheckAsync(["--cargo-ip", cidr]);

        Assert.True(result.ExitCode == 1, result.ToString()); // db.connect fails: nothing listens there
        Assert.DoesNotContain("--cargo-ip", result.Stderr);
    }

    [Fact]
    public async Task malformed_cargo_ip_is_a_usage_error_even_without_aws_checks()
    {
        var result = await RunCheckAsync(["--cargo-ip", "3.248.0.300"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--cargo-ip '3.248.0.300' is not an IP address or CIDR", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task allow_wide_cidr_runs_and_the_report_warns()
    {
        var outDir = Directory.CreateTempSubdirectory("cargo-doctor-wide-").FullName;

        var result = await RunCheckAsync(["--cargo-ip", "0.0.0.0/0", "--allow-wide-cidr"], outDir);

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"), TestContext.Current.CancellationToken));
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("--cargo-ip 0.0.0.0/0 is wider than /16", StringComparison.Ordinal));
        Assert.DoesNotContain("0.0.0.0/0", await File.ReadAllTextAsync(Path.Combine(outDir, "fix-aws.sh"), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    public async Task allowed_wide_cidr_is_a_warning_and_no_fix_opens_the_port_to_it(string cidr)
    {
        fake.PortClosedToCargo();
        var config = AwsScenario.Provisioned() with { Cargo = new CargoConfig { Ips = [cidr, "3.248.0.10"], AllowWideCidr = true } };

        var ingress = (await fake.CheckAsync(config))[IngressRule.Id];

        Assert.Equal(CheckStatus.Fail, ingress.Status); // 3.248.0.10 is still missing
        Assert.DoesNotContain(ingress.Remediation, r => r.Text.Contains(cidr, StringComparison.Ordinal));
        Assert.Contains(ingress.Remediation, r => r.Text.Contains("3.248.0.10/32", StringComparison.Ordinal));
        Assert.Contains(ingress.Details, d => d.StartsWith($"{cidr}: wider than", StringComparison.Ordinal));
    }

    [Fact]
    public async Task allowed_wide_cidr_that_is_admitted_is_still_a_warning_not_a_pass()
    {
        fake.AllGoodProvisioned().Respond("DescribeSecurityGroups", FakeAwsResponses.DescribeSecurityGroups(null,
            FakeAwsResponses.SecurityGroup(FakeAwsScenarios.SecurityGroupId, "vpc-0abc", FakeAwsResponses.IpPermission(cidrs: ["0.0.0.0/0"]))));
        var config = AwsScenario.Provisioned() with { Cargo = new CargoConfig { Ips = ["0.0.0.0/0"], AllowWideCidr = true } };

        var ingress = (await fake.CheckAsync(config))[IngressRule.Id];

        Assert.Equal(CheckStatus.Warn, ingress.Status);
        Assert.DoesNotContain(ingress.Remediation, r => r.Kind == "sh");
    }

    private static Task<CliProcess.Result> RunCheckAsync(string[] extra, string? outDir = null) =>
        CliProcess.RunAsync(
            ["check", "--endpoint", "127.0.0.1:9/dev", "--out", outDir ?? Directory.CreateTempSubdirectory("cargo-doctor-wide-").FullName, "--format", "json", .. extra],
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = "not-a-real-password", ["CI"] = "true" });
}
