using System.Net;
using System.Text.RegularExpressions;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;

namespace Cargo.Doctor.Tests.Reports;

[Trait("Category", "Unit")]
public sealed class HtmlReportRendererTests
{
    private static readonly string Html = new HtmlReportRenderer().Render(SampleReports.Create());

    [Fact]
    public void customer_text_is_escaped_never_markup()
    {
        Assert.DoesNotMatch(new Regex("<script", RegexOptions.IgnoreCase), Html);
        Assert.Contains(WebUtility.HtmlEncode(SampleReports.HostileSchema), Html);
        Assert.Contains("&lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt;", Html);
        Assert.DoesNotMatch(new Regex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase), Html);
    }

    [Fact]
    public void page_is_self_contained()
    {
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=", RegexOptions.IgnoreCase), Html);
        Assert.DoesNotContain("http://", Html);
        Assert.DoesNotContain("https://", Html);
        Assert.DoesNotContain("@import", Html);
        Assert.Contains("default-src 'none'", Html);
    }

    [Fact]
    public void each_check_is_a_collapsible_section_failures_first_and_open()
    {
        var sections = Regex.Matches(Html, "<details class=\"check s-([a-z]+)\" id=\"check-([^\"]+)\"( open)?>").ToList();

        Assert.Equal(7, sections.Count);
        Assert.Equal(["fail", "fail", "warn", "unknown", "skipped", "pass", "pass"], sections.Select(m => m.Groups[1].Value));
        Assert.Equal(SchemaUsageRule.Id, sections[0].Groups[2].Value);
        Assert.All(sections.Take(4), m => Assert.True(m.Groups[3].Success));
        Assert.All(sections.Skip(4), m => Assert.False(m.Groups[3].Success));
    }

    [Fact]
    public void long_lists_fold_and_the_header_says_what_was_checked()
    {
        Assert.Contains("<summary>All 60 detail lines</summary>", Html);
        Assert.Contains("<summary>All 60 sql lines</summary>", Html);
        Assert.Contains("<th scope=\"row\">Tool</th><td>cargo-doctor " + Cargo.Doctor.ToolVersion.Current + "</td>", Html);
        Assert.Contains("<th scope=\"row\">Cluster</th><td>examplecluster</td>", Html);
        Assert.Contains("<h2>Could not run (2)</h2>", Html);
        Assert.Contains("12.5 ms", Html);
        Assert.Contains("class=\"bar\"", Html);
    }
}
