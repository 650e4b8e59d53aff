using System.Text.Json;
using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Reports;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 13.4 and 13.3: <c>--redact</c> changes what is written, never the verdict. The rules run on the
/// real facts; findings, reports, fix scripts, the console and the facts file are redacted afterwards,
/// the S3 bucket and prefix included.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class RedactionVerdictTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Bucket = "acme-cargo-exchange";
    private const string Prefix = "exports/eu-sales";
    private const string CargoIp = "3.248.0.10";

    [Fact]
    public async Task bundled_sample_gives_the_same_status_for_every_check_with_and_without_redact()
    {
        var sample = Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "sample-facts.json");

        var plain = await ReportAsync(["report", "--facts", sample]);
        var redacted = await ReportAsync(["report", "--facts", sample, "--redact"]);

        Assert.Equal(plain.Statuses, redacted.Statuses);
        Assert.Equal(plain.Result.ExitCode, redacted.Result.ExitCode);
        Assert.Equal(1, redacted.Result.ExitCode);
        foreach (var original in new[] { "cargo-cluster", CargoIp, "123456789012", "sg-0cargo", "analytics" })
        {
            Assert.DoesNotContain(original, redacted.AllText);
        }
    }

    [Fact]
    public async Task live_check_gives_the_same_status_for_every_check_and_writes_no_real_name()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("crm_eu", "accounts");
        await scenario.AdminAsync($"GRANT USAGE ON SCHEMA \"crm_eu\" TO {scenario.Quoted(scenario.User)}");
        var evidence = PrivateClusterEvidence();
        string[] args =
        [
            "check", "--endpoint", $"{server.Host}:{server.Port}/{scenario.Database}", "--user", scenario.User,
            "--schema", $"{scenario.Database}.crm_eu", "--function-role", scenario.FunctionRole,
            "--aws-evidence", evidence, "--cluster", "cargo-cluster", "--region", "eu-west-1", "--cargo-ip", CargoIp,
            "--role-arn", CustomerRoleArn, "--cargo-role-arn", CargoRoleArn, "--bucket", Bucket, "--prefix", Prefix,
        ];

        var plain = await ReportAsync(args);
        var redacted = await ReportAsync([.. args, "--redact"]);

        Assert.Equal(plain.Statuses, redacted.Statuses);
        Assert.Equal(plain.Result.ExitCode, redacted.Result.ExitCode);
        Assert.Equal("fail", redacted.Statuses[IngressRule.Id]);
        Assert.Equal("fail", redacted.Statuses[PubliclyAccessibleRule.Id]);
        Assert.Contains(Prefix, plain.AllText);
        Assert.Contains("prefix_1", redacted.AllText);
        foreach (var original in new[] { Bucket, Prefix, "eu-sales", "cargo-cluster", CargoIp, "123456789012", "crm_eu", "accounts", scenario.Database, scenario.User, scenario.FunctionRole })
        {
            foreach (var (name, text) in redacted.Files)
            {
                Assert.False(Regex.IsMatch(text, $"(?<![A-Za-z0-9_]){Regex.Escape(original)}(?![A-Za-z0-9_])"), $"{name} contains {original}");
            }
        }
    }

    [Fact]
    public void facts_redactor_replaces_the_s3_prefix_in_probe_statements()
    {
        var folder = $"s3://{Bucket}/{Prefix}/cargo-doctor/r1/";
        var facts = FactsFiles.AllGood() with
        {
            Probes = new ProbeFacts
            {
                RunId = "r1",
                RoundTrip = new RoundTripFacts(Bucket, folder, CustomerRoleArn, CargoRoleArn, null),
                Statements = [new ProbeStatement(CopyRoundTripProbeRule.Id, "dev", $"UNLOAD ('SELECT 1') TO '{folder}' IAM_ROLE '{CustomerRoleArn},{CargoRoleArn}'")],
            },
        };

        var json = FactsJson.Serialize(FactsRedactor.Redact(facts));

        Assert.DoesNotContain(Bucket, json);
        Assert.DoesNotContain("eu-sales", json);
        Assert.Contains("s3://bucket_1/prefix_1/cargo-doctor/r1/", json);
    }

    [Fact]
    public void replaying_a_redacted_facts_file_never_turns_a_verdict_into_a_pass()
    {
        var sample = FactsJson.Deserialize(File.ReadAllText(Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "sample-facts.json")));
        // Also with the endpoint resolving to a private address: a warning that a token must not turn into a pass.
        var privateEndpoint = sample with { Aws = sample.Aws! with { WarehouseHost = sample.Aws.WarehouseHost! with { Addresses = ["10.0.5.6"] } } };
        foreach (var facts in new[] { sample, privateEndpoint })
        {
            var real = AwsScenario.Run(facts).ToDictionary(f => f.CheckId, f => f.Status);

            var replayed = AwsScenario.Run(FactsRedactor.Redact(facts));

            Assert.All(replayed, f => Assert.True(
                f.Status == real[f.CheckId] || f.Status == CheckStatus.Unknown,
                $"{f.CheckId}: {real[f.CheckId]} became {f.Status}: {f.Summary}"));
        }

        Assert.Equal(CheckStatus.Warn, AwsScenario.Run(privateEndpoint).Single(f => f.CheckId == PubliclyAccessibleRule.Id).Status);
    }

    /// <summary>The sample evidence with a private cluster whose security group does not admit Cargo.</summary>
    private static string PrivateClusterEvidence()
    {
        var folder = Directory.CreateTempSubdirectory("cargo-doctor-redact-evidence-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "aws-evidence")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        Edit(Path.Combine(folder, "describe-clusters.json"), "\"PubliclyAccessible\": true", "\"PubliclyAccessible\": false");
        // An address literal: the child process then needs no DNS, and tests never touch the real network.
        Edit(Path.Combine(folder, "describe-clusters.json"), "cargo-cluster.abc123xyz789.eu-west-1.redshift.amazonaws.com", "10.20.30.40");
        Edit(Path.Combine(folder, "describe-security-groups.json"), $"{CargoIp}/32", "10.0.0.0/8");
        return folder;
    }

    private static void Edit(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static async Task<Outcome> ReportAsync(string[] args)
    {
        var outDir = Directory.CreateTempSubdirectory("cargo-doctor-redact-").FullName;
        var result = await CliProcess.RunAsync(
            [.. args, "--out", outDir, "--format", "md,html,json,junit", .. args[0] == "check" ? new[] { "--save-facts", Path.Combine(outDir, "facts.json") } : []],
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = WarehouseScenario.Password, ["CI"] = "true" });
        Assert.True(File.Exists(Path.Combine(outDir, "report.json")), result.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var statuses = json.RootElement.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("checkId").GetString()!, f => f.GetProperty("status").GetString()!);
        var files = Directory.GetFiles(outDir).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .Append(("stdout", result.Stdout)).Append(("stderr", result.Stderr)).ToList();
        return new Outcome(result, statuses, files);
    }

    private sealed record Outcome(CliProcess.Result Result, Dictionary<string, string> Statuses, List<(string Name, string Text)> Files)
    {
        public string AllText => string.Join("\n", Files.Select(f => f.Text));
    }
}
