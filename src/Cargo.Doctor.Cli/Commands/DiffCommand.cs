using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.History;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// <c>cargo-doctor diff OLD NEW</c>: how every check moved between two runs (report.json or facts
/// files), offline. Exit 1 when a check regressed, 0 otherwise, 2 when a file cannot be used.
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var oldFile = new Argument<string>("OLD") { Description = "The earlier run: a report.json, or a facts file (evaluated with the current catalog); or two fleet-summary.json files, matched target by target by name" };
        var newFile = new Argument<string>("NEW") { Description = "The later run: a report.json, or a facts file" };
        var outDir = new Option<string?>("--out") { Description = "Also write diff.md and diff.json into this folder" };
        var allowOtherTarget = new Option<bool>("--allow-other-target") { Description = "Compare runs of two different warehouses instead of stopping with exit 2; the outputs say so at the top" };
        var command = new Command("diff", "Compare two runs: fixed, regressed, still failing, new and removed checks, and detail lines that appeared or disappeared");
        command.Arguments.Add(oldFile);
        command.Arguments.Add(newFile);
        command.Options.Add(outDir);
        command.Options.Add(allowOtherTarget);
        command.SetAction(parse =>
        {
            var terminal = new TerminalOutput();
            var problems = new List<string>();
            var folder = parse.GetValue(outDir);
            if (folder is not null && OutputLocation.FolderProblem(folder, "--out") is { } problem)
            {
                problems.Add(problem);
            }

            var catalog = CatalogLoader.LoadDefault();
            if (problems.Count == 0 && FleetSummaryFile.Is(parse.GetValue(oldFile)!) && FleetSummaryFile.Is(parse.GetValue(newFile)!))
            {
                return FleetDiffRun.Run(parse.GetValue(oldFile)!, parse.GetValue(newFile)!, catalog, folder, terminal);
            }

            var old = Read(parse.GetValue(oldFile)!, catalog, problems);
            var @new = Read(parse.GetValue(newFile)!, catalog, problems);
            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            var diff = RunDiff.Compare(old!, @new!);
            if (TargetMatch.Difference("OLD", old!, "NEW", @new!.Target, @new.Redacted) is { } difference)
            {
                diff = parse.GetValue(allowOtherTarget)
                    ? diff with { Notes = [TargetMatch.Banner(difference), .. diff.Notes] }
                    : throw new UsageException($"diff: {difference} (pass --allow-other-target to compare anyway)");
            }

            Print(diff, terminal);
            if (folder is not null)
            {
                Write(folder, diff, terminal);
            }

            return diff.Regressed ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static RunFindings? Read(string path, CheckCatalog catalog, List<string> problems)
    {
        if (path.Any(char.IsControl))
        {
            problems.Add("diff: a path contains a control character");
            return null;
        }

        try
        {
            return RunFileReader.Read(path, catalog);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }

    internal static void Print(RunDiff diff, TerminalOutput terminal)
    {
        // First: another target or an older report changes how everything below reads.
        foreach (var note in diff.Notes)
        {
            terminal.Line($"note: {note}");
        }

        foreach (var change in diff.Changes.Where(c => c.Kind != ChangeKind.Unchanged))
        {
            terminal.Line($"{ChangeWords.Word(change.Kind),-13} {change.CheckId} ({ChangeWords.Move(change)})");
            foreach (var line in change.Appeared)
            {
                terminal.Line($"    + {line}");
            }

            foreach (var line in change.Disappeared)
            {
                terminal.Line($"    - {line}");
            }
        }

        terminal.Line("");
        terminal.Line(ChangeWords.Summary(diff));
    }

    internal static void Write(string folder, RunDiff diff, TerminalOutput terminal)
    {
        foreach (var (name, text) in new[] { (DiffMarkdownRenderer.FileName, DiffMarkdownRenderer.Render(diff)), (DiffJsonRenderer.FileName, DiffJsonRenderer.Render(diff)) })
        {
            var path = Path.Combine(folder, name);
            try
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(path, text);
                terminal.Line($"diff: {path}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                terminal.Error($"could not write {path}: {e.Message}");
            }
        }
    }
}
