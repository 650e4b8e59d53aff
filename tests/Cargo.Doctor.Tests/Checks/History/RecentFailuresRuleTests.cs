using System.Text.Json;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.History;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Rules.History;

namespace Cargo.Doctor.Tests.Checks.History;

/// <summary>
/// history.recent-failures and the report section: failures grouped by the shared classifier's cause,
/// warn for setup causes (and unknown ones), pass for data errors only, unknown when unseen; diff shows
/// causes that appeared or went away. The error texts are documented ones (the errtexts table).
/// </summary>
[Trait("Category", "Unit")]
public sealed class RecentFailuresRuleTests
{
    private static readonly CheckCatalog Catalog = CatalogLoader.LoadDefault();
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>https://docs.aws.amazon.com/redshift/latest/dg/s3serviceexception-error.html.</summary>
    private const string S3Denied = "S3ServiceException:Access Denied,Status 403,Error AccessDenied";

    /// <summary>https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html.</summary>
    private const string InvalidDigit = "Invalid digit, Value 'a', Pos 0, Type: Integer";

    [Fact]
    public void setup_failures_warn_grouped_by_cause_with_count_times_check_and_sample()
    {
        var finding = Evaluate(Failure(S3Denied, -3, "COPY t FROM 's3://cargo/x' IAM_ROLE 'a,b'"), Failure(S3Denied, -1, "COPY t FROM 's3://cargo/y' IAM_ROLE 'a,b'"),
            Failure(InvalidDigit, -2, null), Failure("permission denied for schema hr", -5, "SELECT * FROM hr.t"));

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.StartsWith("3 of Cargo's statements failed", finding.Summary, StringComparison.Ordinal);
        Assert.Equal(["cause=s3-access-denied", "cause=data-error", "cause=schema-permission"], finding.Items.Select(i => i.Identity.Text));
        Assert.Equal(
            "s3-access-denied: 2 failures, first 2026-12-03 12:00Z, last 2026-12-05 12:00Z, explained by probe.copy-round-trip; sample: COPY t FROM 's3://cargo/y' IAM_ROLE 'a,b'",
            finding.Details[0]);
        Assert.Contains("not a setup problem", finding.Details[1], StringComparison.Ordinal);
        Assert.Contains("(likely)", finding.Details[2], StringComparison.Ordinal);
        Assert.Contains("explained by db.schema-usage", finding.Details[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("company-data", "; refused by the S3 VPC endpoint policy of vpce-0s3gw (enhanced VPC routing is on, and the policy of S3 gateway endpoint vpce-0s3gw (on subnet subnet-0a, route table rtb-0main) does not allow s3:GetObject, s3:ListBucket on cargo; see net.data-path)")]
    [InlineData("cargo", "; refused by the role chain, on Cargo's side (enhanced VPC routing is on, and the policy of S3 gateway endpoint vpce-0s3gw (on subnet subnet-0a, route table rtb-0main) allows GetObject, PutObject, ListBucket and GetBucketLocation on cargo)")]
    public void s3_access_denied_says_whose_policy_refused_it_from_the_network_facts(string allowedBucket, string attribution)
    {
        // With enhanced VPC routing the gateway endpoint's policy applies to COPY (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html,
        // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html); S3 answers AccessDenied for it as for the role chain
        // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html#troubleshoot-403-vpc).
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject","s3:ListBucket","s3:GetBucketLocation"],"Resource":["arn:aws:s3:::{{allowedBucket}}","arn:aws:s3:::{{allowedBucket}}/*"]}]}
            """;
        var aws = new AwsFacts
        {
            Region = "eu-west-1",
            CargoBucket = "cargo",
            CargoRoleArn = "arn:aws:iam::444455556666:role/cargo",
            Target = new RedshiftTargetFacts { Kind = "cluster", Identifier = "c", EnhancedVpcRouting = true },
            Network = new NetworkFacts
            {
                VpcId = "vpc-0abc",
                SubnetIds = ["subnet-0a"],
                WarehouseSubnetId = "subnet-0a",
                RouteTables = [new RouteTableFacts("rtb-0main", true, [], [new RouteFacts("pl-0s3", "vpce-0s3gw", "active", "CreateRoute")])],
                VpcEndpoints = [new VpcEndpointFacts("vpce-0s3gw", "com.amazonaws.eu-west-1.s3", "Gateway", "available", ["rtb-0main"], policy, false)],
            },
        };

        var withAws = Run(Facts(History(Failure(S3Denied, -1, "COPY t FROM 's3://cargo/x' IAM_ROLE 'a,b'"))) with { Aws = aws });

        Assert.EndsWith(attribution + "; sample: COPY t FROM 's3://cargo/x' IAM_ROLE 'a,b'", withAws.Details[0], StringComparison.Ordinal);
        Assert.StartsWith("s3-access-denied: 1 failure, ", withAws.Details[0], StringComparison.Ordinal);
    }

    [Fact]
    public void data_errors_only_pass_and_no_failure_passes()
    {
        Assert.Equal(CheckStatus.Pass, Evaluate(Failure(InvalidDigit, -1, null)).Status);
        var none = Evaluate();
        Assert.Equal(CheckStatus.Pass, none.Status);
        Assert.Equal("none of Cargo's statements failed in the last 7 days", none.Summary);
    }

    [Fact]
    public void a_text_no_check_explains_warns()
    {
        var finding = Evaluate(Failure("column \"x\" does not exist", -1, "SELECT x FROM t"));

        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains("no check explains it", finding.Details[0], StringComparison.Ordinal);
    }

    [Fact]
    public void unseen_rows_are_unknown_and_an_unread_history_is_skipped()
    {
        var unseen = Evaluate(History() with { Gap = new Gap("the login auditor sees only its own rows", "superuser or SYSLOG ACCESS UNRESTRICTED") });
        var unread = Run(Facts(null));

        Assert.Equal(CheckStatus.Unknown, unseen.Status);
        Assert.Contains("SYSLOG ACCESS UNRESTRICTED", unseen.Summary, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Skipped, unread.Status);
    }

    [Fact]
    public void the_report_section_is_in_markdown_html_and_json()
    {
        var facts = Facts(History(Failure(S3Denied, -1, "COPY <script> FROM 's3://cargo/x'")));
        var report = Report.Create(facts, Catalog, new CheckRunner(Catalog, RuleSet.All).Run(facts), TimeSpan.Zero);

        var md = new MarkdownReportRenderer().Render(report);
        var html = new HtmlReportRenderer().Render(report);
        using var json = JsonDocument.Parse(new JsonReportRenderer().Render(report));

        Assert.Contains("## Recent failures of Cargo's statements", md, StringComparison.Ordinal);
        Assert.Contains("**s3-access-denied**: 1 failure, first 2026-12-05 12:00Z", md, StringComparison.Ordinal);
        Assert.Contains("<h2>Recent failures of Cargo&#39;s statements</h2>", html, StringComparison.Ordinal);
        Assert.Contains("COPY &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        var cause = json.RootElement.GetProperty("recentFailures").GetProperty("causes")[0];
        Assert.Equal("s3-access-denied", cause.GetProperty("cause").GetString());
        Assert.Equal("probe.copy-round-trip", cause.GetProperty("verdict").GetString());
        Assert.Equal(1, cause.GetProperty("count").GetInt32());
    }

    [Fact]
    public void diff_shows_causes_that_appeared_and_went_away()
    {
        var old = Evaluate(Failure("permission denied for schema hr", -2, "SELECT * FROM hr.t"));
        var @new = Evaluate(Failure(S3Denied, -1, "COPY t FROM 's3://cargo/x'"), Failure("permission denied for schema hr", -1, "SELECT * FROM hr.t"));

        var change = Assert.Single(RunDiff.Compare(Run("old", old), Run("new", @new)).Changes);

        Assert.Single(change.Appeared, line => line.StartsWith("s3-access-denied:", StringComparison.Ordinal));
        Assert.Empty(change.Disappeared);
        var back = Assert.Single(RunDiff.Compare(Run("new", @new), Run("old", old)).Changes);
        Assert.Single(back.Disappeared, line => line.StartsWith("s3-access-denied:", StringComparison.Ordinal));
    }

    private static RunFindings Run(string source, Finding finding) =>
        new(source, [new RunFinding(finding.CheckId, "t", finding.Status, finding.Details) { Items = finding.Items.Select(i => i.Identity).ToList() }]);

    private static HistoryFailure Failure(string message, int days, string? statement) => new("query", "COPY", Now.AddDays(days), message, statement);

    private static HistoryFacts History(params HistoryFailure[] failures) =>
        new() { Days = 7, Since = Now.AddDays(-7), Until = Now, Failures = failures };

    private static Finding Evaluate(params HistoryFailure[] failures) => Evaluate(History(failures));

    private static Finding Evaluate(HistoryFacts history) => Run(Facts(history));

    private static Finding Run(FactsSnapshot facts) =>
        new RecentFailuresRule().Evaluate(new RuleContext(facts, Catalog[RecentFailuresRule.Id]));

    private static FactsSnapshot Facts(HistoryFacts? history) => new()
    {
        ToolVersion = "t",
        StartedAt = Now,
        Target = new TargetDescription { Databases = ["dev"], Schemas = [] },
        Warehouse = new WarehouseFacts { CargoUser = "cargo_user", LoginUser = "cargo_user", History = history },
    };
}
