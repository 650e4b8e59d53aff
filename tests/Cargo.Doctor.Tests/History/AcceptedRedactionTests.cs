using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Rules.Db;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 10.3 with --redact: an acceptance's match and reason name customer objects too, and get the same tokens.</summary>
[Trait("Category", "Unit")]
public sealed class AcceptedRedactionTests
{
    [Fact]
    public void an_acceptance_match_and_reason_naming_a_schema_are_redacted_like_the_summary()
    {
        var output = RedactedOutput.Of(new FactsSnapshot
        {
            ToolVersion = "t",
            StartedAt = DateTimeOffset.UtcNow,
            Target = new TargetDescription { Databases = ["dev"], Schemas = ["dev.staging_eu"], User = "cargo_user" },
        });
        var finding = new Finding
        {
            CheckId = FutureGrantsRule.Id,
            Status = CheckStatus.Accepted,
            Summary = "accepted: staging_eu is rebuilt nightly",
            Acceptance = new AcceptanceNote("staging_eu is rebuilt nightly", "data@example.com", new DateOnly(2027, 1, 1), "staging_eu", CheckStatus.Fail, false),
        };

        var redacted = output.Redact(finding);

        Assert.DoesNotContain("staging_eu", redacted.Acceptance!.Reason + redacted.Acceptance.Match + redacted.Summary);
        Assert.Equal(CheckStatus.Accepted, redacted.Status);
        Assert.Equal(new DateOnly(2027, 1, 1), redacted.Acceptance.Expires);
    }
}
