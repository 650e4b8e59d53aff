using System.Text.RegularExpressions;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.History;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 22.9: the fuzz table of the three readers. Every generated mutation of the sample facts file,
/// the golden report.json and each sample AWS evidence file is either read (and then evaluated and
/// rendered without error) or refused with one line in the customer's words; an evidence file may also
/// make checks unknown naming it. Nothing else: no other exception, which the CLI shows as exit 70.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class FileReaderFuzzTests
{
    private static readonly CheckCatalog Catalog = CatalogLoader.LoadDefault();

    [Fact]
    public void every_mutation_of_the_sample_facts_file_is_read_or_refused_in_one_line()
    {
        var sample = File.ReadAllText(Path.Combine(Reports.SampleFactsTests.RepositoryRoot(), "samples", "sample-facts.json"));
        var failures = new List<string>();

        foreach (var mutation in JsonMutations.Of(sample))
        {
            FactsSnapshot facts;
            try
            {
                facts = FactsJson.Deserialize(mutation.Json);
            }
            catch (FormatException e)
            {
                CheckMessage(mutation, e.Message, failures);
                continue;
            }
            catch (Exception e)
            {
                failures.Add($"{mutation.Name}: {e.GetType().Name}: {e.Message}");
                continue;
            }

            try
            {
                Evaluate(facts);
            }
            catch (Exception e)
            {
                failures.Add($"{mutation.Name}: read, then {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} mutations:\n" + string.Join('\n', failures.Take(60)));
    }

    [Fact]
    public void every_mutation_of_a_report_json_is_read_or_refused_in_one_line()
    {
        var sample = File.ReadAllText(Path.Combine(Reports.SampleFactsTests.RepositoryRoot(), "tests", "Cargo.Doctor.Tests", "Reports", "Golden", "report.json"));
        var folder = Directory.CreateTempSubdirectory("cargo-doctor-fuzz-report-").FullName;
        var failures = new List<string>();
        try
        {
            var path = Path.Combine(folder, "report.json");
            foreach (var mutation in JsonMutations.Of(sample))
            {
                File.WriteAllText(path, mutation.Json);
                try
                {
                    RunFileReader.Read(path, Catalog);
                }
                catch (FormatException e)
                {
                    CheckMessage(mutation, e.Message, failures);
                }
                catch (Exception e)
                {
                    failures.Add($"{mutation.Name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} mutations:\n" + string.Join('\n', failures.Take(60)));
    }

    [Fact]
    public async Task every_mutation_of_each_evidence_file_is_read_or_named_in_one_line()
    {
        var samples = Path.Combine(Reports.SampleFactsTests.RepositoryRoot(), "samples", "aws-evidence");
        var folder = Directory.CreateTempSubdirectory("cargo-doctor-fuzz-evidence-").FullName;
        var failures = new List<string>();
        try
        {
            foreach (var file in Directory.GetFiles(samples, "*.json"))
            {
                var name = Path.GetFileName(file);
                foreach (var mutation in JsonMutations.Of(File.ReadAllText(file)))
                {
                    foreach (var other in Directory.GetFiles(samples, "*.json"))
                    {
                        File.Copy(other, Path.Combine(folder, Path.GetFileName(other)), overwrite: true);
                    }

                    await File.WriteAllTextAsync(Path.Combine(folder, name), mutation.Json, TestContext.Current.CancellationToken);
                    try
                    {
                        Evaluate(await CollectAsync(folder));
                    }
                    catch (UsageException e)
                    {
                        CheckMessage(mutation with { Name = $"{name} {mutation.Name}" }, e.Message, failures);
                    }
                    catch (Exception e)
                    {
                        failures.Add($"{name} {mutation.Name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} mutations:\n" + string.Join('\n', failures.Take(60)));
    }

    /// <summary>What `report` does with facts it read: rules, redaction, every format in memory.</summary>
    private static void Evaluate(FactsSnapshot facts)
    {
        var findings = new CheckRunner(Catalog, RuleSet.All).Run(facts);
        var redacted = RedactedOutput.Of(facts);
        foreach (var report in new[]
        {
            Report.Create(facts, Catalog, findings, TimeSpan.Zero),
            Report.Create(redacted.Facts, Catalog, findings.Select(redacted.Redact).ToList(), TimeSpan.Zero),
        })
        {
            foreach (var renderer in ReportWriter.All.Concat(ReportWriter.FixScripts))
            {
                Assert.NotNull(renderer.Render(report));
            }
        }
    }

    private static async Task<FactsSnapshot> CollectAsync(string folder)
    {
        var config = new DoctorConfig
        {
            Aws = new AwsConfig { EvidenceDir = folder, Region = "eu-west-1", ClusterIdentifier = ClusterId },
            Cargo = new CargoConfig { Ips = [CargoIpCidr], RoleArn = CargoRoleArn },
        };
        return await new FactsCollector(config, null, resolveHost: FakeDns.Public.ResolveAsync)
            .CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
    }

    private static void CheckMessage(JsonMutations.Mutation mutation, string message, List<string> failures)
    {
        if (message.Contains('\n', StringComparison.Ordinal) || DotNetText().IsMatch(message) || message.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            failures.Add($"{mutation.Name}: refused, but not in one clean line: {message}");
        }
    }

    /// <summary>.NET leaking into a message: type names, nullability wording, generic arity.</summary>
    [GeneratedRegex(@"System\.[A-Z]|`\d|Cargo\.Doctor\.|\bnon-nullable\b|\bNullable\b|\bcannot be null\b|\bJsonValueKind\b|\bdeserializ", RegexOptions.IgnoreCase)]
    private static partial Regex DotNetText();
}
