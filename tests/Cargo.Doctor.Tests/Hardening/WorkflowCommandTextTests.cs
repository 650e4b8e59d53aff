using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Workflow commands escaped as https://docs.github.com/actions/reference/workflow-commands-for-github-actions
/// says, and no control character left raw.
/// </summary>
[Trait("Category", "Unit")]
public sealed class WorkflowCommandTextTests
{
    [Theory]
    [InlineData("50% done", "50%25 done")]
    [InlineData("a\r\nb", "a%0D%0Ab")]
    [InlineData("%0A is text", "%250A is text")]
    [InlineData("a: b, c", "a: b, c")]
    [InlineData("esc \u001b[2J bell \u0007", "esc \\u001B[2J bell \\u0007")]
    public void data_escapes_percent_and_line_breaks_and_shows_other_controls(string text, string escaped)
    {
        Assert.Equal(escaped, WorkflowCommandText.Data(text));
    }

    [Theory]
    [InlineData("db.connect: Cargo can connect, over SSL", "db.connect%3A Cargo can connect%2C over SSL")]
    [InlineData("50%\n", "50%25%0A")]
    public void a_property_also_escapes_colon_and_comma(string text, string escaped)
    {
        Assert.Equal(escaped, WorkflowCommandText.Property(text));
    }

    [Fact]
    public void a_command_is_one_line_whatever_its_text_and_unescapes_to_it()
    {
        const string message = "refused\r\n::warning::pwned, 100%";

        var command = WorkflowCommandText.Command("error", [("file", "ci/a,b.yml"), ("line", null), ("title", "db.connect: x")], message);

        Assert.Equal("::error file=ci/a%2Cb.yml,title=db.connect%3A x::refused%0D%0A::warning::pwned, 100%25", command);
        Assert.DoesNotContain(command, char.IsControl);
        Assert.Equal(message, Unescape(command[(command.IndexOf("::", 2, StringComparison.Ordinal) + 2)..]));
    }

    /// <summary>What the runner does to the message: %25 last, so an escaped "%0A" stays text.</summary>
    private static string Unescape(string data) =>
        data.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
}
