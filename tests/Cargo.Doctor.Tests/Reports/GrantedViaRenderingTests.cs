using System.Xml.Linq;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>
/// "Granted via" lines sit in passing findings: every report format shows them, JUnit included
/// (as the passing testcase's system-out), so a support engineer reads them wherever the report went.
/// </summary>
[Trait("Category", "Unit")]
public sealed class GrantedViaRenderingTests
{
    private const string Line = "dev.sales: SELECT, INSERT, UPDATE, DELETE on 1,998 table(s) granted via: role \"cargo_reader\" (1,996), directly (2)";

    private static Report PassingWithGrantedVia() =>
        Report.Create(SampleReports.Facts(), WarehouseScenario.Catalog,
            [new Finding { CheckId = "db.table-grants", Status = CheckStatus.Pass, Summary = "all privileges granted on 1998 table(s) and view(s)", Details = [Line] }],
            TimeSpan.FromSeconds(1));

    [Fact]
    public void markdown_html_and_json_show_the_line_of_a_pass()
    {
        var report = PassingWithGrantedVia();

        Assert.Contains(Line, new MarkdownReportRenderer().Render(report));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Line).Replace("&#39;", "'"), new HtmlReportRenderer().Render(report).Replace("&#39;", "'"));
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(Line)[1..^1], new JsonReportRenderer().Render(report));
    }

    [Fact]
    public void junit_shows_the_line_of_a_pass_in_system_out()
    {
        var doc = XDocument.Parse(new JUnitReportRenderer().Render(PassingWithGrantedVia()));

        var testcase = Assert.Single(doc.Descendants("testcase"));
        Assert.Null(testcase.Element("failure"));
        Assert.Null(testcase.Element("skipped"));
        Assert.Contains(Line, testcase.Element("system-out")?.Value ?? "");
    }
}
