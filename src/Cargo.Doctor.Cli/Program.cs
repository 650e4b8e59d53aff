using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Commands;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli;

/// <summary>
/// Entry point. Every expected failure ends as one line on stderr and exit code 2; nothing prints a
/// stack trace.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("cargo-doctor: checks that a Redshift warehouse is set up for Cargo, and says how to fix what is not");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CatalogCommands.List());
        root.Subcommands.Add(CatalogCommands.Explain());
        root.Subcommands.Add(AwsPolicyCommand.Create());

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("run `cargo-doctor --help` for usage");
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ConfigException or CatalogException)
        {
            new TerminalOutput().Error(e.Message);
            return ExitCodes.UsageOrConfig;
        }
        catch (OperationCanceledException)
        {
            new TerminalOutput().Error("cancelled");
            return ExitCodes.UsageOrConfig;
        }
#pragma warning disable CA1031 // Last line of defence: one line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            new TerminalOutput().Error($"internal error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.UsageOrConfig;
        }
    }
}
