using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.History;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// <c>diff</c> of two fleet summaries: targets are matched by name (not by place), each matched
/// target is diffed as two runs; a target in one summary only is listed as new or removed. Exit 1
/// when a check of any matched target regressed.
/// </summary>
internal static class FleetDiffRun
{
    public static int Run(string oldPath, string newPath, CheckCatalog catalog, string? folder, TerminalOutput terminal)
    {
        IReadOnlyList<(string Name, RunFindings Run)> old, @new;
        try
        {
            old = FleetSummaryFile.Read(oldPath, catalog);
            @new = FleetSummaryFile.Read(newPath, catalog);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        var regressed = false;
        foreach (var (name, after) in @new)
        {
            terminal.Line($"== target {name}");
            if (old.FirstOrDefault(t => t.Name == name).Run is not { } before)
            {
                terminal.Line("new target (not in OLD)");
                continue;
            }

            var diff = RunDiff.Compare(before, after);
            // Matched by name: a target now pointing at another warehouse is said, not refused.
            if (TargetMatch.Difference("OLD", before, "NEW", after.Target, after.Redacted) is { } difference)
            {
                diff = diff with { Notes = [TargetMatch.Banner(difference), .. diff.Notes] };
            }

            regressed |= diff.Regressed;
            DiffCommand.Print(diff, terminal);
            if (folder is not null)
            {
                DiffCommand.Write(Path.Combine(folder, name), diff, terminal);
            }
        }

        foreach (var (name, _) in old.Where(o => @new.All(n => n.Name != o.Name)))
        {
            terminal.Line($"== target {name}");
            terminal.Line("removed target (not in NEW)");
        }

        return regressed ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }
}
