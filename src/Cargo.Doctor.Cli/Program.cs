using System.CommandLine;
using System.CommandLine.Help;
using Cargo.Doctor.Cli.Commands;
using Cargo.Doctor.Cli.Terminal;

namespace Cargo.Doctor.Cli;

/// <summary>
/// Entry point. Every usage or configuration problem is one line on stderr (all of them at once)
/// and exit code 2; SIGINT/SIGTERM end a run with 130/143 after its reports; a bug in the tool is
/// one line and exit code 70; nothing prints a stack trace.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (VersionShortcut.Answer(args) is { } version)
        {
            await Console.Out.WriteLineAsync(version);
            return ExitCodes.Ok;
        }

        // Inside GitHub Actions nothing printed from here on runs as a workflow command, except our annotations.
        using var actions = GitHubActionsOutput.StopCommands();
        using var interruption = new Interruption();
        var root = new RootCommand("cargo-doctor: checks that a Redshift warehouse is set up for Cargo, and says how to fix what is not");
        HelpNotes.Install(root);
        root.Subcommands.Add(CheckCommand.Create(interruption));
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CatalogCommands.List());
        root.Subcommands.Add(CatalogCommands.Explain());
        root.Subcommands.Add(AwsPolicyCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(SetupCommand.Create());
        root.Subcommands.Add(DiagnoseCommand.Create());
        root.Subcommands.Add(VendorCommand.Create());
        root.Subcommands.Add(ChainCommand.Create());

        var parse = root.Parse(args);
        // `report --help` must show help, not complain that --facts is missing: System.CommandLine
        // still lists the missing required input as an error when the help option is given.
        if (parse.Errors.Count > 0 && parse.Action is not (HelpAction or HelpNotes))
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {ParseErrorText.Clean(error.Message)}");
            }

            await Console.Error.WriteLineAsync("run `cargo-doctor --help` for usage");
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            // Signals are handled by Interruption, not System.CommandLine, so the run can finish its reports.
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation, interruption.Token);
        }
#pragma warning disable CA1031 // Last line of defence: one line per problem, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var outcome = FailureExit.For(e, interruption.SignalName, interruption.ExitCode);
            var terminal = new TerminalOutput();
            foreach (var line in outcome.Lines)
            {
                terminal.Error(line);
            }

            return outcome.ExitCode;
        }
    }
}
