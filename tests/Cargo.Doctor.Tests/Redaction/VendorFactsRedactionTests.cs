using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Redaction;

/// <summary>Issue 25: `vendor --redact` replaces the account ids and ARNs of both halves in the vendor facts too.</summary>
[Trait("Category", "Unit")]
public sealed class VendorFactsRedactionTests
{
    [Fact]
    public void vendor_facts_lose_their_account_ids_when_redacted()
    {
        var facts = new FactsSnapshot
        {
            ToolVersion = "test",
            StartedAt = DateTimeOffset.UnixEpoch,
            Target = new TargetDescription { Region = "eu-west-1" },
            Vendor = new VendorFacts
            {
                Region = "eu-west-1",
                CargoRoleArn = CargoRoleArn,
                CustomerRoleArn = CustomerRoleArn,
                Bucket = "cargo-exchange",
                Prefix = "customers/acme",
                CallerAccountId = CargoAccountId,
                Key = new KmsKeyFacts { Arn = $"arn:aws:kms:eu-west-1:{CargoAccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab", AccountId = CargoAccountId },
            },
        };

        var json = FactsJson.Serialize(FactsRedactor.Redact(facts));

        Assert.DoesNotContain(CargoAccountId, json);
        Assert.DoesNotContain(AccountId, json);
        Assert.Contains("\"redacted\": true", json);
    }

    [Fact]
    public void the_prefix_a_bare_key_id_and_the_probe_user_become_tokens()
    {
        const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
        var facts = new FactsSnapshot
        {
            ToolVersion = "test",
            StartedAt = DateTimeOffset.UnixEpoch,
            Target = new TargetDescription { Region = "eu-west-1" },
            Vendor = new VendorFacts
            {
                Region = "eu-west-1",
                CargoRoleArn = CargoRoleArn,
                CustomerRoleArn = CustomerRoleArn,
                Bucket = "cargo-exchange",
                Prefix = "customers/acme",
                // DescribeKey failed: no key ARN names the id, only the encryption rule does.
                Encryption = new BucketEncryptionFacts("aws:kms", KeyId, false),
                KeyGap = new Gap($"kms:DescribeKey failed for {KeyId}"),
                Probe = new VendorProbeFacts("acme.abc123.eu-west-1.redshift.amazonaws.com", 5439, "dev",
                    [new VendorProbeStep("login", "wrong-password", "password authentication failed for user \"cargo_loader\"")])
                { User = "cargo_loader" },
            },
        };

        var json = FactsJson.Serialize(FactsRedactor.Redact(facts));

        foreach (var raw in new[] { "customers/acme", KeyId, "cargo_loader", "acme.abc123", "cargo-exchange", "cargo-data-loader" })
        {
            Assert.DoesNotContain(raw, json);
        }

        Assert.Contains("aws:kms", json);
    }
}
