using Cargo.Doctor.Quoting;
using Markdig;

namespace Cargo.Doctor.Tests.Reports;

[Trait("Category", "Unit")]
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("cargo_user", "cargo_user")]
    [InlineData("_private_", "\\_private\\_")]
    [InlineData("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>")]
    [InlineData("a*b*c | d", "a\\*b\\*c \\| d")]
    [InlineData("[x](http://e)", "\\[x\\](http://e)")]
    [InlineData("two\nlines", "two lines")]
    public void escape_keeps_names_literal(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(text));
    }

    [Theory]
    [InlineData("_private_ *bold* <b>x</b> [l](u) `code` ~~s~~")]
    [InlineData("Sales \"EU\" <script>alert(1)</script> ü 日本")]
    public void escaped_text_renders_as_the_same_plain_text(string text)
    {
        var html = Markdown.ToHtml(MarkdownText.Escape(text), new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build());

        var paragraph = html.Trim();
        Assert.StartsWith("<p>", paragraph);
        Assert.DoesNotContain("<script", paragraph);
        Assert.Equal(text, System.Net.WebUtility.HtmlDecode(paragraph[3..^4]));
    }

    [Fact]
    public void fence_is_longer_than_any_backtick_run_inside()
    {
        var fenced = MarkdownText.Fence("select '```' as x", "sql");

        Assert.StartsWith("````sql\n", fenced);
        Assert.EndsWith("\n````\n", fenced);
    }
}
