using System.Text;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Reports.Sarif;

namespace Cargo.Doctor.Cli.Terminal;

/// <summary>
/// Inside GitHub Actions (<c>GITHUB_ACTIONS=true</c>): the Markdown report appended to the job's
/// summary (<c>$GITHUB_STEP_SUMMARY</c>), and one <c>::error</c> / <c>::warning</c> annotation per
/// failing / warning check (an unknown one too when it fails the run), pointing at the SARIF anchor's
/// line when there is one.
/// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
/// Everything else the run prints is shown with workflow commands stopped (<c>::stop-commands::TOKEN</c>,
/// the documented way to "log anything without accidentally running a workflow command"): the runner
/// obeys a line that starts with <c>::</c> after leading spaces, and <c>##[</c> anywhere in a line
/// (https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs), and a name or a
/// server message printed on its own line could be either.
/// </summary>
internal static class GitHubActionsOutput
{
    private static string? _stopToken;

    /// <summary>"$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k": kept under it.</summary>
    public const int SummaryLimitBytes = 1024 * 1024 - 4096;

    /// <summary>Detail lines shown in one annotation; the reports list every one.</summary>
    private const int MaxDetailLines = 10;

    public static bool Enabled => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";

    /// <summary>At start: stops workflow commands until <see cref="Write"/>, and resumes them when disposed (at exit).</summary>
    public static IDisposable StopCommands()
    {
        if (Enabled)
        {
            Stop(Console.Out.WriteLine);
            Console.Out.Flush();
        }

        return new ResumeAtExit();
    }

    public static void Write(Report report, SarifAnchor? anchor, TerminalOutput terminal)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            try
            {
                File.AppendAllText(summary, Summary(new MarkdownReportRenderer().Render(report)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                terminal.Error($"could not append the summary to GITHUB_STEP_SUMMARY ({summary}): {e.Message}");
            }
        }

        // Commands on for our own annotations only, then off again for whatever is printed after.
        Resume(terminal.Line);
        foreach (var entry in report.WorstFirst())
        {
            if (Command(report, entry) is { } command)
            {
                terminal.Line(Annotation(command, entry, anchor));
            }
        }

        Stop(terminal.Line);
    }

    /// <summary>The report, cut at a line under GitHub's limit with a note, so the step summary is never refused whole.</summary>
    public static string Summary(string markdown)
    {
        if (Encoding.UTF8.GetByteCount(markdown) <= SummaryLimitBytes)
        {
            return markdown + "\n";
        }

        var text = new StringBuilder();
        var bytes = 0;
        foreach (var line in markdown.Split('\n'))
        {
            bytes += Encoding.UTF8.GetByteCount(line) + 1;
            if (bytes > SummaryLimitBytes)
            {
                break;
            }

            text.Append(line).Append('\n');
        }

        return text.Append("\n… cut at GitHub's 1 MiB step summary limit: report.md has the whole report.\n").ToString();
    }

    /// <summary>A new unguessable token each time: text printed while stopped cannot resume commands.</summary>
    private static void Stop(Action<string> line)
    {
        _stopToken = Guid.NewGuid().ToString("N");
        line($"::stop-commands::{_stopToken}");
    }

    private static void Resume(Action<string> line)
    {
        if (_stopToken is { } token)
        {
            line($"::{token}::");
            _stopToken = null;
        }
    }

    private static string? Command(Report report, ReportEntry entry) => entry.Finding.Status switch
    {
        CheckStatus.Fail => "error",
        CheckStatus.Warn => "warning",
        CheckStatus.Unknown when report.Counts(entry) => "error",
        _ => null,
    };

    private static string Annotation(string command, ReportEntry entry, SarifAnchor? anchor)
    {
        var finding = entry.Finding;
        var message = new StringBuilder(finding.Summary);
        foreach (var detail in finding.Details.Take(MaxDetailLines))
        {
            message.Append('\n').Append(detail);
        }

        if (finding.Details.Count > MaxDetailLines)
        {
            message.Append($"\n… and {finding.Details.Count - MaxDetailLines} more (see the reports)");
        }

        var key = finding.Items.FirstOrDefault(i => i.Key is not null)?.Key;
        var line = anchor is null ? (int?)null : key is null ? anchor.TargetLine : anchor.LineFor(key);
        return WorkflowCommandText.Command(command,
            [("file", anchor?.Uri), ("line", line?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("title", $"{entry.Check.Id}: {entry.Check.Title}")],
            message.ToString());
    }

    private sealed class ResumeAtExit : IDisposable
    {
        public void Dispose()
        {
            Resume(Console.Out.WriteLine);
            Console.Out.Flush();
        }
    }
}
