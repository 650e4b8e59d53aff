using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Redaction;

/// <summary>
/// Issue 22.6: names --redact left in clear: a cluster identifier and security group name read from
/// evidence (not given as a flag), IPv6 addresses in free text, the cluster inside a dbuser ARN.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RedactionGapsTests
{
    [Fact]
    public void the_cluster_and_group_names_read_from_evidence_are_tokens()
    {
        var facts = FactsJson.Deserialize(File.ReadAllText(Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "sample-facts.json")));
        facts = facts with
        {
            Aws = facts.Aws! with
            {
                Target = facts.Aws!.Target! with { Identifier = "evidence-only-cluster", Kind = "workgroup" },
                SecurityGroups = [facts.Aws!.SecurityGroups![0] with { GroupName = "launch wizard 7" }],
            },
            Notes = [.. facts.Notes, "evidence-only-cluster was read from describe-clusters.json; group launch wizard 7"],
        };

        var json = FactsJson.Serialize(FactsRedactor.Redact(facts));

        Assert.DoesNotContain("evidence-only-cluster", json, StringComparison.Ordinal);
        Assert.DoesNotContain("launch wizard 7", json, StringComparison.Ordinal);
    }

    [Fact]
    public void an_ipv6_address_in_free_text_is_a_token()
    {
        var facts = SampleReports.Facts() with { Notes = ["could not reach 2001:db8:85a3::8a2e:370:7334 on port 5439, nor [fd00::1]:5439"] };

        var json = FactsJson.Serialize(FactsRedactor.Redact(facts));

        Assert.DoesNotContain("2001:db8:85a3::8a2e:370:7334", json, StringComparison.Ordinal);
        Assert.DoesNotContain("fd00::1", json, StringComparison.Ordinal);
        Assert.Contains("on port 5439", json, StringComparison.Ordinal);
    }

    [Fact]
    public void times_and_ratios_are_not_taken_for_ipv6_addresses()
    {
        Assert.DoesNotContain(SensitivePatterns.Find("started 12:30:45, ratio 1:2, type std::string, 10:20:30:40"), f => f.Kind == "ip");
    }

    [Fact]
    public void the_cluster_inside_a_dbuser_arn_is_a_token()
    {
        var facts = SampleReports.Facts() with { Notes = ["GetClusterCredentials on arn:aws:redshift:eu-west-1:123456789012:dbuser:secret-cluster-7/cargo_user"] };

        var json = FactsJson.Serialize(FactsRedactor.Redact(facts));

        Assert.DoesNotContain("secret-cluster-7", json, StringComparison.Ordinal);
        Assert.DoesNotContain("cargo_user", json, StringComparison.Ordinal);
    }
}
