using Cargo.Doctor.Catalog;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Spectre.Console;

namespace Cargo.Doctor.Cli.Terminal;

/// <summary>
/// The doctor's console voice (like flutter doctor): one line per check as it finishes, a reason
/// under each problem, a summary. Colours only on an interactive terminal outside CI.
/// </summary>
internal sealed class TerminalOutput
{
    private readonly IAnsiConsole _out;
    private readonly IAnsiConsole _err;

    public TerminalOutput()
    {
        var interactive = IsInteractive;
        _out = Create(Console.Out, interactive && !Console.IsOutputRedirected);
        _err = Create(Console.Error, interactive && !Console.IsErrorRedirected);
    }

    /// <summary>Interactive means a terminal on both ends and not a CI job: prompts and colours allowed.</summary>
    public static bool IsInteractive =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && !Console.IsInputRedirected && !Console.IsOutputRedirected;

    public void Progress(string text) => _err.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    public void Error(string text) => _err.MarkupLine($"[red]error:[/] {Markup.Escape(text)}");

    public void Line(string text) => _out.WriteLine(text);

    public void Finding(CheckDescriptor check, Finding finding)
    {
        var colour = finding.Status switch
        {
            CheckStatus.Pass => "green",
            CheckStatus.Fail => "red",
            CheckStatus.Warn => "yellow",
            CheckStatus.Unknown => "fuchsia",
            _ => "grey",
        };
        _out.MarkupLine($"[{colour}]{StatusMark.Symbol(finding.Status)}[/] {Markup.Escape(check.Id)} [grey]{Markup.Escape(check.Title)}[/]");
        if (finding.Status != CheckStatus.Pass)
        {
            _out.MarkupLine($"    [{colour}]{Markup.Escape(finding.Summary)}[/]");
        }
    }

    public void Summary(Report report, IEnumerable<string> written)
    {
        _out.WriteLine();
        _out.MarkupLine(Markup.Escape(report.Verdict));
        _out.WriteLine(string.Join(", ", new[] { CheckStatus.Pass, CheckStatus.Fail, CheckStatus.Warn, CheckStatus.Unknown, CheckStatus.Accepted, CheckStatus.Skipped }
            .Select(s => $"{report.Count(s)} {StatusMark.Word(s)}")));
        foreach (var path in written)
        {
            _out.WriteLine($"report: {path}");
        }
    }

    private static IAnsiConsole Create(TextWriter writer, bool colours)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colours ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = colours ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!colours)
        {
            // Logs and CI output must keep one line per check, not wrap at 80 columns.
            console.Profile.Width = 100_000;
        }

        return console;
    }
}
