using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.History;

namespace Cargo.Doctor.Cli.Options;

/// <summary>What <c>--baseline</c> read, and whether <c>--allow-other-target</c> lets it be another warehouse's.</summary>
internal sealed record BaselineInput(RunFindings Run, bool AllowOtherTarget);

/// <summary><c>--baseline FILE</c>: an earlier report.json (or facts file); only what regressed against it fails the run.</summary>
internal sealed class BaselineOption
{
    public Option<string?> Baseline { get; } = new("--baseline") { HelpName = "report.json", Description = "An earlier report.json or facts file: the exit code counts only what regressed against it, item by item; reports mark each finding new, unchanged or fixed" };

    public Option<bool> AllowOtherTarget { get; } = new("--allow-other-target") { Description = "Compare with a baseline of another warehouse (cluster, workgroup, account, region or host) instead of stopping with exit 2; reports say so at the top" };

    public void AddTo(Command command)
    {
        command.Options.Add(Baseline);
        command.Options.Add(AllowOtherTarget);
    }

    /// <summary>The baseline run, or null without --baseline (or after recording why it cannot be read).</summary>
    public BaselineInput? Read(ParseResult parse, CheckCatalog? catalog, List<string> problems)
    {
        if (parse.GetValue(Baseline) is not { } path || catalog is null)
        {
            return null;
        }

        if (path.Any(char.IsControl))
        {
            problems.Add("--baseline: the path contains a control character");
            return null;
        }

        try
        {
            return new BaselineInput(RunFileReader.Read(path, catalog), parse.GetValue(AllowOtherTarget));
        }
        catch (FormatException e)
        {
            problems.Add($"--baseline: {e.Message}");
            return null;
        }
    }
}
