using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Rules.Db;

namespace Cargo.Doctor.Tests.Redaction;

/// <summary>Findings written from real facts get the same tokens as the redacted facts, however a rule quoted the name.</summary>
[Trait("Category", "Unit")]
public sealed class RedactedOutputTests
{
    private static FactsSnapshot Facts(params string[] cargoIps) => new()
    {
        ToolVersion = "t",
        StartedAt = DateTimeOffset.UtcNow,
        Target = new TargetDescription { Databases = ["dev"], Schemas = ["dev.\"O'Brien \"\"EU\"\"\""], User = "cargo_user" },
        Aws = new AwsFacts { Region = "eu-west-1", CargoIps = cargoIps },
    };

    [Fact]
    public void quoted_spellings_in_findings_get_the_name_token()
    {
        var output = RedactedOutput.Of(Facts());
        var finding = new Finding
        {
            CheckId = SchemaUsageRule.Id,
            Status = CheckStatus.Fail,
            Summary = "schema O'Brien \"EU\" is not usable",
            Remediation =
            [
                new RemediationStep("grant", "sql", "GRANT USAGE ON SCHEMA \"O'Brien \"\"EU\"\"\" TO \"cargo_user\";"),
                new RemediationStep("check", "sh", "psql -c 'O'\\''Brien \"EU\"'"),
                new RemediationStep("literal", "sql", "SELECT has_schema_privilege('O''Brien \"EU\"', 'USAGE');"),
            ],
        };

        var redacted = output.Redact(finding);

        var all = string.Join("\n", redacted.Remediation.Select(r => r.Text).Append(redacted.Summary));
        Assert.DoesNotContain("Brien", all);
        Assert.DoesNotContain("cargo_user", all);
        Assert.Equal(CheckStatus.Fail, redacted.Status);
        Assert.Contains("schema_1", redacted.Summary);
    }

    [Fact]
    public void ipv6_and_cidr_cargo_ips_become_tokens_but_anywhere_stays()
    {
        var output = RedactedOutput.Of(Facts("2a05:d018:1234::7", "3.248.0.0/16", "::/0", "0.0.0.0/0"));

        var json = FactsJson.Serialize(output.Facts);

        Assert.DoesNotContain("2a05:d018:1234::7", json);
        Assert.DoesNotContain("3.248.0.0", json);
        Assert.Contains("\"::/0\"", json);
        Assert.Contains("\"0.0.0.0/0\"", json);
        Assert.Contains("/16\"", json);
    }
}
