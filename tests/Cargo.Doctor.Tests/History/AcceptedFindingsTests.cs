using Cargo.Doctor.Accepted;
using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 10.3: which findings an acceptance covers, on an injected today.</summary>
[Trait("Category", "Unit")]
public sealed class AcceptedFindingsTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static Finding F(string id, CheckStatus status, params string[] details) =>
        new() { CheckId = id, Status = status, Summary = $"{id} summary", Details = details };

    private static AcceptEntry Accept(string check, string? match = null, DateOnly? expires = null, int line = 3) =>
        new(check, match, "staging tables are recreated nightly", "data-platform@example.com", expires ?? Today.AddDays(30), $"cargo.yaml: line {line}: accept[0]");

    [Fact]
    public void an_accepted_failure_is_accepted_with_reason_owner_and_expiry_and_no_longer_fails()
    {
        var result = AcceptedFindings.Apply([F(FutureGrantsRule.Id, CheckStatus.Fail, "analytics.staging: no default privileges")], [Accept(FutureGrantsRule.Id)], Today);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(CheckStatus.Accepted, finding.Status);
        Assert.Equal(new AcceptanceNote("staging tables are recreated nightly", "data-platform@example.com", Today.AddDays(30), null, CheckStatus.Fail, false), finding.Acceptance);
        Assert.Contains("data-platform@example.com", finding.Summary);
        Assert.Contains("2026-12-31", finding.Summary);
        Assert.Contains("staging tables are recreated nightly", finding.Summary);
        // Issue 22.3: an entry without items: still applies, and asks for them.
        Assert.Contains("names no items", Assert.Single(result.Notes));
    }

    [Fact]
    public void match_covers_a_finding_only_when_every_detail_line_contains_it()
    {
        var covered = AcceptedFindings.Apply([F(FutureGrantsRule.Id, CheckStatus.Fail, "analytics.staging: no SELECT")], [Accept(FutureGrantsRule.Id, "analytics.staging")], Today);
        var partly = AcceptedFindings.Apply([F(FutureGrantsRule.Id, CheckStatus.Fail, "analytics.staging: no SELECT", "analytics.core: no SELECT")], [Accept(FutureGrantsRule.Id, "analytics.staging")], Today);

        Assert.Equal(CheckStatus.Accepted, covered.Findings[0].Status);
        Assert.Equal(CheckStatus.Fail, partly.Findings[0].Status);
        var note = Assert.Single(partly.Notes);
        Assert.Contains("cargo.yaml: line 3: accept[0]", note);
        Assert.Contains("1 of 2 detail lines", note);
    }

    [Fact]
    public void an_expired_acceptance_is_ignored_and_the_finding_says_it_expired()
    {
        var result = AcceptedFindings.Apply([F(FutureGrantsRule.Id, CheckStatus.Warn, "x")], [Accept(FutureGrantsRule.Id, expires: Today.AddDays(-1))], Today);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.True(finding.Acceptance!.Expired);
        Assert.Contains("acceptance expired on 2026-11-30", finding.Summary);
    }

    [Fact]
    public void an_acceptance_is_still_good_on_its_expiry_day()
    {
        var result = AcceptedFindings.Apply([F(FutureGrantsRule.Id, CheckStatus.Fail, "x")], [Accept(FutureGrantsRule.Id, expires: Today)], Today);

        Assert.Equal(CheckStatus.Accepted, result.Findings[0].Status);
    }

    [Fact]
    public void an_acceptance_that_matched_nothing_is_listed_and_a_passing_check_is_never_accepted()
    {
        var result = AcceptedFindings.Apply(
            [F(FutureGrantsRule.Id, CheckStatus.Pass), F(TableGrantsRule.Id, CheckStatus.Fail, "sales.orders: missing DELETE")],
            [Accept(FutureGrantsRule.Id, line: 4), Accept(TableGrantsRule.Id, "analytics", line: 9)],
            Today);

        Assert.Equal([CheckStatus.Pass, CheckStatus.Fail], result.Findings.Select(f => f.Status));
        Assert.Equal(2, result.Notes.Count);
        Assert.Contains(result.Notes, n => n.Contains("cargo.yaml: line 4: accept[0]") && n.Contains(FutureGrantsRule.Id) && n.Contains("matched nothing"));
        Assert.Contains(result.Notes, n => n.Contains("cargo.yaml: line 9: accept[0]") && n.Contains("\"analytics\""));
    }

    [Fact]
    public void a_missing_reason_owner_or_expiry_and_a_bad_date_are_config_errors_with_file_line_and_key()
    {
        var yaml = """
            accept:
              - check: db.future-grants
                match: "analytics.staging"
                reason: staging tables are recreated nightly
                owner: data-platform@example.com
                expires: 2027-03-31
              - check: db.future-grants
                owner: o@example.com
                expires: 2027-01-31
              - check: db.future-grants
                reason: r
              - reason: r
                owner: o@example.com
                expires: 31/03/2027
                color: red
            """;

        var e = Assert.Throws<ConfigException>(() => ConfigFile.Parse(yaml, "cargo.yaml"));

        Assert.Equal(
            [
                "cargo.yaml: line 7: accept[1].reason: missing: say why this finding is accepted",
                "cargo.yaml: line 10: accept[2].owner: missing: who answers for this acceptance (a team or e-mail)",
                "cargo.yaml: line 10: accept[2].expires: missing: give a date (YYYY-MM-DD) at most a year away",
                "cargo.yaml: line 14: accept[3].expires: '31/03/2027' is not a date like 2027-03-31",
                "cargo.yaml: line 15: accept[3].color: unknown key (known here: check, items, match, reason, owner, expires)",
                "cargo.yaml: line 12: accept[3].check: missing: the check id this acceptance is for",
            ],
            e.Problems);
    }

    [Fact]
    public void a_well_formed_entry_is_read_with_every_field_and_its_line()
    {
        var config = ConfigFile.Parse("""
            accept:
              - check: db.future-grants
                match: "analytics.staging"
                reason: staging tables are recreated nightly
                owner: data-platform@example.com
                expires: 2027-03-31
            """, "cargo.yaml");

        Assert.Equal(
            [new AcceptEntry(FutureGrantsRule.Id, "analytics.staging", "staging tables are recreated nightly", "data-platform@example.com", new DateOnly(2027, 3, 31), "cargo.yaml: line 2: accept[0]")],
            config.Accept);
    }

    [Fact]
    public void an_unknown_check_id_and_an_expiry_more_than_a_year_away_are_config_errors()
    {
        var entries = new[]
        {
            Accept("db.no-such-check", line: 2),
            Accept(FutureGrantsRule.Id, expires: Today.AddYears(1), line: 7),
            Accept(FutureGrantsRule.Id, expires: Today.AddYears(1).AddDays(1), line: 12),
            Accept(FutureGrantsRule.Id, expires: Today.AddDays(-10), line: 17),
        };

        var problems = AcceptedFindingRules.Problems(entries, [FutureGrantsRule.Id, TableGrantsRule.Id], Today);

        Assert.Equal(
            [
                "cargo.yaml: line 2: accept[0].check: unknown check id 'db.no-such-check' (see `cargo-doctor checks`)",
                "cargo.yaml: line 12: accept[0].expires: 2027-12-02 is more than a year away (at most 2027-12-01): acceptances must be reviewed",
            ],
            problems);
    }
}
