using Cargo.Doctor.Catalog;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.Cli.Terminal;

/// <summary>
/// The doctor's console voice (like flutter doctor): one line per check as it finishes, a reason
/// under each problem, a summary. Colours only on an interactive terminal outside CI, without
/// NO_COLOR (https://no-color.org). Plain TextWriter writes with ANSI codes: setting up
/// Spectre.Console and its markup parser was about 12% of a run's start-up (issue 11). The codes are
/// the 256-colour ones Spectre wrote, so a terminal shows what it showed before.
/// </summary>
internal sealed class TerminalOutput
{
    private const string Green = "\u001b[38;5;2m";
    private const string Red = "\u001b[38;5;9m";
    private const string Yellow = "\u001b[38;5;11m";
    private const string Fuchsia = "\u001b[38;5;13m";
    private const string Grey = "\u001b[38;5;8m";
    private const string Reset = "\u001b[0m";

    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly bool _outColours;
    private readonly bool _errColours;

    public TerminalOutput()
        : this(Console.Out, Console.Error, ColoursAllowed && !Console.IsOutputRedirected, ColoursAllowed && !Console.IsErrorRedirected)
    {
    }

    public TerminalOutput(TextWriter stdout, TextWriter stderr, bool stdoutColours, bool stderrColours)
    {
        _out = stdout;
        _err = stderr;
        _outColours = stdoutColours;
        _errColours = stderrColours;
    }

    /// <summary>Interactive means a terminal on both ends and not a CI job: prompts and colours allowed.</summary>
    public static bool IsInteractive =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && !Console.IsInputRedirected && !Console.IsOutputRedirected;

    /// <summary>NO_COLOR set to anything, or a terminal that declares it cannot show codes, means plain text.</summary>
    private static bool ColoursAllowed =>
        IsInteractive
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    // Text from files and the warehouse may hold ESC, BEL or other controls: shown escaped, never obeyed.
    public void Progress(string text) => _err.WriteLine(Paint(Grey, Shown(text), _errColours));

    public void Error(string text) => _err.WriteLine($"{Paint(Red, "error:", _errColours)} {Shown(text)}");

    public void Line(string text) => _out.WriteLine(Shown(text));

    public void Finding(CheckDescriptor check, Finding finding)
    {
        var colour = finding.Status switch
        {
            CheckStatus.Pass => Green,
            CheckStatus.Fail => Red,
            CheckStatus.Warn => Yellow,
            CheckStatus.Unknown => Fuchsia,
            _ => Grey,
        };
        _out.WriteLine($"{Paint(colour, StatusMark.Symbol(finding.Status), _outColours)} {check.Id} {Paint(Grey, Shown(check.Title), _outColours)}");
        if (finding.Status != CheckStatus.Pass)
        {
            _out.WriteLine($"    {Paint(colour, Shown(finding.Summary), _outColours)}");
        }
    }

    public void Summary(Report report, IEnumerable<string> written)
    {
        _out.WriteLine();
        _out.WriteLine(report.Verdict);
        _out.WriteLine(string.Join(", ", new[] { CheckStatus.Pass, CheckStatus.Fail, CheckStatus.Warn, CheckStatus.Unknown, CheckStatus.Accepted, CheckStatus.Skipped }
            .Select(s => $"{report.Count(s)} {StatusMark.Word(s)}")));
        foreach (var path in written)
        {
            _out.WriteLine($"report: {path}");
        }
    }

    private static string Shown(string text) => DisplayText.Escape(text, keepLineBreaks: true);

    /// <summary>Each line coloured on its own, so a terminal that scrolls or a pager never carries a colour over.</summary>
    private static string Paint(string colour, string text, bool colours) =>
        colours ? string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : colour + line + Reset)) : text;
}
