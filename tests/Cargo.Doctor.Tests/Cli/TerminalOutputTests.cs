using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// The console lines, byte for byte: plain for logs and CI (no escape codes, never wrapped), and with
/// the same 256-colour codes Spectre.Console wrote before it was replaced by plain writes (issue 11).
/// </summary>
[Trait("Category", "Unit")]
public sealed class TerminalOutputTests
{
    private static readonly CheckDescriptor Check = new()
    {
        Id = "db.schema-usage",
        Title = "The Cargo user has USAGE on [each] source schema",
        Severity = Severity.Error,
        Area = "warehouse",
        SourceFile = "db.schema-usage.md",
    };

    private static readonly Finding Failed = new() { CheckId = Check.Id, Status = CheckStatus.Fail, Summary = "1 of 3 schema(s) not usable by \"cargo_user\" [x]" };

    [Fact]
    public void plain_output_has_no_escape_codes_and_keeps_brackets()
    {
        var (terminal, stdout, stderr) = Create(colours: false);

        terminal.Finding(Check, Failed);
        terminal.Progress("replaying facts from a.json");
        terminal.Error("bad [input]");

        Assert.Equal(
            "✗ db.schema-usage The Cargo user has USAGE on [each] source schema\n" +
            "    1 of 3 schema(s) not usable by \"cargo_user\" [x]\n", stdout.ToString());
        Assert.Equal("replaying facts from a.json\nerror: bad [input]\n", stderr.ToString());
    }

    [Fact]
    public void coloured_output_uses_the_256_colour_codes()
    {
        var (terminal, stdout, stderr) = Create(colours: true);

        terminal.Finding(Check, Failed);
        terminal.Finding(Check, new Finding { CheckId = Check.Id, Status = CheckStatus.Pass, Summary = "ok" });
        terminal.Error("bad");
        terminal.Progress("two\nlines");

        Assert.Equal(
            "\u001b[38;5;9m✗\u001b[0m db.schema-usage \u001b[38;5;8mThe Cargo user has USAGE on [each] source schema\u001b[0m\n" +
            "    \u001b[38;5;9m1 of 3 schema(s) not usable by \"cargo_user\" [x]\u001b[0m\n" +
            "\u001b[38;5;2m✓\u001b[0m db.schema-usage \u001b[38;5;8mThe Cargo user has USAGE on [each] source schema\u001b[0m\n",
            stdout.ToString());
        Assert.Equal("\u001b[38;5;9merror:\u001b[0m bad\n\u001b[38;5;8mtwo\u001b[0m\n\u001b[38;5;8mlines\u001b[0m\n", stderr.ToString());
    }

    private static (TerminalOutput Terminal, StringWriter Stdout, StringWriter Stderr) Create(bool colours)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        return (new TerminalOutput(stdout, stderr, colours, colours), stdout, stderr);
    }
}
