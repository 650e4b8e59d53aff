using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli.Commands;

/// <summary><c>cargo-doctor checks</c> and <c>cargo-doctor explain ID</c>: the catalog, from its files alone.</summary>
internal static class CatalogCommands
{
    public static Command List()
    {
        var command = new Command("checks", "List every check in the catalog");
        command.SetAction(_ =>
        {
            var terminal = new TerminalOutput();
            foreach (var check in CatalogLoader.LoadDefault().Checks)
            {
                var deps = check.DependsOn.Count == 0 ? "" : $"  (after {string.Join(", ", check.DependsOn)})";
                terminal.Line($"{check.Id,-28} {check.Severity.ToString().ToLowerInvariant(),-8} {check.Title}{deps}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Explain()
    {
        var id = new Argument<string>("id") { Description = "A check id, e.g. db.table-grants" };
        var command = new Command("explain", "Print one check's description and remediation templates");
        command.Arguments.Add(id);
        command.SetAction(parse =>
        {
            var catalog = CatalogLoader.LoadDefault();
            var wanted = parse.GetValue(id)!;
            if (!catalog.TryGet(wanted, out var check))
            {
                throw new UsageException($"no check '{wanted}'; `cargo-doctor checks` lists them");
            }

            var terminal = new TerminalOutput();
            terminal.Line($"{check.Id}: {check.Title}");
            terminal.Line($"severity: {check.Severity.ToString().ToLowerInvariant()}, area: {check.Area}, depends on: {(check.DependsOn.Count == 0 ? "nothing" : string.Join(", ", check.DependsOn))}");
            terminal.Line("");
            terminal.Line(check.Body);
            return ExitCodes.Ok;
        });
        return command;
    }
}
