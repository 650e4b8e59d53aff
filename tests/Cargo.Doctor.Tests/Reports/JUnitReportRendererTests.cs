using System.Xml.Linq;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;

namespace Cargo.Doctor.Tests.Reports;

[Trait("Category", "Unit")]
public sealed class JUnitReportRendererTests
{
    private static XDocument Render(Report report) => XDocument.Parse(new JUnitReportRenderer().Render(report));

    [Fact]
    public void one_suite_per_area_and_one_case_per_check()
    {
        var doc = Render(SampleReports.Create());

        var root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal("warehouse", (string?)suite.Attribute("name"));
        Assert.Equal(7, suite.Elements("testcase").Count());
        Assert.Equal("7", (string?)suite.Attribute("tests"));
        Assert.Equal("7", (string?)root.Attribute("tests"));
        Assert.NotNull(suite.Attribute("timestamp"));
        Assert.Contains(suite.Element("properties")!.Elements("property"), p => (string?)p.Attribute("name") == "tool");
    }

    [Fact]
    public void failures_carry_summary_and_remediation_and_skipped_and_unknown_are_marked()
    {
        var doc = Render(SampleReports.Create());

        var suite = doc.Root!.Element("testsuite")!;
        Assert.Equal("2", (string?)suite.Attribute("failures"));
        Assert.Equal("2", (string?)suite.Attribute("skipped"));
        Assert.Equal("0", (string?)suite.Attribute("errors"));
        var tables = Case(doc, TableGrantsRule.Id);
        var failure = tables.Element("failure")!;
        Assert.Equal("fail: 60 table(s) lack privileges", (string?)failure.Attribute("message"));
        Assert.Contains("How to fix:", failure.Value);
        Assert.Contains("GRANT SELECT ON \"sales\".\"t60\" TO \"cargo_user\";", failure.Value);
        Assert.StartsWith("unknown:", (string?)Case(doc, FutureGrantsRule.Id).Element("skipped")!.Attribute("message"));
        Assert.StartsWith("skipped: blocked by", (string?)Case(doc, FunctionRoleRule.Id).Element("skipped")!.Attribute("message"));
        Assert.Null(Case(doc, DatabasePrivilegesRule.Id).Element("failure"));
        Assert.Contains("warning: no TEMP", Case(doc, DatabasePrivilegesRule.Id).Element("system-out")!.Value);
        Assert.Empty(Case(doc, ConnectRule.Id).Elements());
    }

    [Theory]
    [InlineData(FailThreshold.Fail, 2, 2)]
    [InlineData(FailThreshold.Warn, 3, 2)]
    [InlineData(FailThreshold.Unknown, 4, 1)]
    public void fail_on_decides_which_cases_fail(FailThreshold failOn, int failures, int skipped)
    {
        var doc = Render(SampleReports.Create(failOn));

        var suite = doc.Root!.Element("testsuite")!;
        Assert.Equal(failures, suite.Elements("testcase").Count(c => c.Element("failure") is not null));
        Assert.Equal(failures.ToString(), (string?)suite.Attribute("failures"));
        Assert.Equal(skipped, suite.Elements("testcase").Count(c => c.Element("skipped") is not null));
        Assert.Equal(skipped.ToString(), (string?)doc.Root!.Attribute("skipped"));
    }

    [Fact]
    public void hostile_text_stays_well_formed_xml()
    {
        var report = SampleReports.Create();
        var entries = report.Entries.Select(e => e.Check.Id == SchemaUsageRule.Id
            ? e with { Finding = e.Finding with { Summary = "bad \u0001 char ]]> <x/> & \"q\"" } }
            : e).ToList();

        var doc = Render(report with { Entries = entries });

        var message = (string?)Case(doc, SchemaUsageRule.Id).Element("failure")!.Attribute("message");
        Assert.Equal("fail: bad \uFFFD char ]]> <x/> & \"q\"", message);
        Assert.Contains(SampleReports.HostileSchema, Case(doc, SchemaUsageRule.Id).Element("failure")!.Value);
    }

    [Fact]
    public void element_order_follows_the_junit_schema()
    {
        var doc = Render(SampleReports.Create());

        foreach (var suite in doc.Root!.Elements("testsuite"))
        {
            var names = suite.Elements().Select(e => e.Name.LocalName).ToList();
            Assert.Equal("properties", names[0]);
            Assert.Equal(["system-out", "system-err"], names[^2..]);
            foreach (var testcase in suite.Elements("testcase"))
            {
                var children = testcase.Elements().Select(e => e.Name.LocalName).ToList();
                Assert.True(children.Count <= 2, string.Join(",", children));
                if (children.Count > 0 && children[0] != "system-out")
                {
                    Assert.Contains(children[0], new[] { "failure", "skipped", "error" });
                }
            }
        }
    }

    [Fact]
    public void recent_failures_are_a_suite_with_one_passing_case_per_cause()
    {
        var now = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var history = new HistoryFacts
        {
            Days = 7,
            Since = now.AddDays(-7),
            Until = now,
            Failures =
            [
                new HistoryFailure("query", "COPY", now.AddDays(-2), "S3ServiceException:Access Denied,Status 403,Error AccessDenied", "COPY t FROM 's3://cargo/x'"),
                new HistoryFailure("query", "COPY", now.AddDays(-1), "S3ServiceException:Access Denied,Status 403,Error AccessDenied", "COPY <x/> FROM 's3://cargo/y' ]]>"),
                new HistoryFailure("load", "COPY", now.AddDays(-3), "Invalid digit, Value 'a', Pos 0, Type: Integer", null),
            ],
        };
        var report = SampleReports.Create();
        report = report with { Facts = report.Facts with { Warehouse = new WarehouseFacts { CargoUser = "cargo_user", LoginUser = "cargo_user", History = history } } };

        var doc = Render(report);

        var suite = doc.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "recent-failures");
        Assert.Equal("2", (string?)suite.Attribute("tests"));
        Assert.Equal("0", (string?)suite.Attribute("failures"));
        Assert.Equal("9", (string?)doc.Root!.Attribute("tests"));
        Assert.Equal(doc.Root!.Descendants("testcase").Count().ToString(), (string?)doc.Root!.Attribute("tests"));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal("s3-access-denied: 2 failures", (string?)cases[0].Attribute("name"));
        Assert.Null(cases[0].Element("failure"));
        var output = cases[0].Element("system-out")!.Value;
        Assert.Contains("first 2026-11-23 09:00Z, last 2026-11-24 09:00Z, explained by probe.copy-round-trip", output);
        Assert.Contains("sample: COPY <x/> FROM 's3://cargo/y' ]]>", output);
        Assert.Contains("not a setup problem", cases[1].Element("system-out")!.Value);
        Assert.Contains("Recent failures of Cargo's statements", suite.Element("system-out")!.Value);
        Assert.Equal(["properties", "testcase", "testcase", "system-out", "system-err"], suite.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void recent_failures_that_cannot_be_seen_say_so_and_no_history_adds_no_suite()
    {
        var now = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var history = new HistoryFacts { Days = 7, Since = now.AddDays(-7), Until = now, Gap = new Gap("the login sees only its own rows", "SYSLOG ACCESS UNRESTRICTED") };
        var report = SampleReports.Create();

        var unseen = Render(report with { Facts = report.Facts with { Warehouse = new WarehouseFacts { CargoUser = "cargo_user", LoginUser = "auditor", History = history } } });
        var none = Render(report);

        var suite = unseen.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "recent-failures");
        Assert.Empty(suite.Elements("testcase"));
        Assert.Contains("Not seen:", suite.Element("system-out")!.Value);
        Assert.DoesNotContain(none.Root!.Elements("testsuite"), s => (string?)s.Attribute("name") == "recent-failures");
    }

    private static XElement Case(XDocument doc, string id) =>
        doc.Descendants("testcase").Single(c => ((string?)c.Attribute("name"))!.StartsWith(id + ":", StringComparison.Ordinal));
}
