using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;

namespace Cargo.Doctor.Tests.Redaction;

/// <summary>Issue 27: --redact tokenises a fleet target's error row with that target's names.</summary>
[Trait("Category", "Unit")]
public sealed class TargetTextRedactorTests
{
    [Fact]
    public void the_targets_host_database_schema_users_and_an_address_in_the_text_become_tokens()
    {
        var target = new TargetDescription
        {
            Host = "acme-dw.c1abcdef2ghi.us-east-1.redshift.amazonaws.com",
            Databases = ["acme_sales"],
            Schemas = ["acme_sales.ledger"],
            User = "acme_cargo",
            LoginUser = "acme_admin",
            ClusterIdentifier = "acme-dw",
        };
        const string error = "pass --region: acme_sales.ledger on acme-dw.c1abcdef2ghi.us-east-1.redshift.amazonaws.com (10.20.30.40) as acme_cargo, logged in as acme_admin";

        var redacted = TargetTextRedactor.Redact(error, target);

        foreach (var name in new[] { "acme", "c1abcdef2ghi", "10.20.30.40", "ledger" })
        {
            Assert.DoesNotContain(name, redacted, StringComparison.OrdinalIgnoreCase);
        }

        Assert.StartsWith("pass --region: ", redacted);
        Assert.Contains("database_1", redacted);
    }
}
