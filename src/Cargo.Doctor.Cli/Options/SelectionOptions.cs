using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.Cli.Options;

/// <summary>Which checks run (<c>--checks</c>, <c>--skip</c>) and what fails the run (<c>--fail-on</c>).</summary>
internal sealed class SelectionOptions
{
    public Option<string[]> Checks { get; } = new("--checks") { HelpName = "id|glob", Description = "Only these checks, by id or glob, comma-separated or repeated (e.g. db.*); their dependencies run too" };

    public Option<string[]> Skip { get; } = new("--skip") { HelpName = "id|glob", Description = "Leave out these checks, by id or glob (e.g. net.*)" };

    public Option<string> FailOn { get; } = new("--fail-on")
    {
        HelpName = "fail|warn|unknown",
        Description = "What makes the exit code 1: fail (default), warn (fail or warn), unknown (fail, warn or unknown)",
        DefaultValueFactory = _ => "fail",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Checks);
        command.Options.Add(Skip);
        command.Options.Add(FailOn);
    }

    public CheckSelection Selection(ParseResult parse, CheckCatalog catalog, List<string> problems)
    {
        var include = parse.GetValue(Checks) ?? [];
        var skip = parse.GetValue(Skip) ?? [];
        if (include.Length == 0 && skip.Length == 0)
        {
            return CheckSelection.All(catalog);
        }

        var wrong = CheckSelection.Problems(catalog, include, skip);
        problems.AddRange(wrong);
        return wrong.Count == 0 ? CheckSelection.Create(catalog, include, skip) : CheckSelection.All(catalog);
    }

    public FailThreshold Threshold(ParseResult parse, List<string> problems)
    {
        var text = parse.GetValue(FailOn) ?? "fail";
        if (FailThresholdExtensions.TryParse(text, out var threshold))
        {
            return threshold;
        }

        problems.Add($"--fail-on '{text}': choose from fail, warn, unknown");
        return FailThreshold.Fail;
    }
}
