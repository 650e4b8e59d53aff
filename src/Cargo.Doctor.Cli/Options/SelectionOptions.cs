using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.Cli.Options;

/// <summary>Which checks run (<c>--checks</c>, <c>--skip</c>) and what fails the run (<c>--fail-on</c>).</summary>
internal sealed class SelectionOptions
{
    public Option<string[]> Checks { get; } = new("--checks") { Description = "Only these checks, by id or glob, comma-separated or repeated (e.g. db.*); their dependencies run too" };

    public Option<string[]> Skip { get; } = new("--skip") { Description = "Leave out these checks, by id or glob (e.g. net.*)" };

    public Option<string> FailOn { get; } = new("--fail-on")
    {
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
        try
        {
            return include.Length == 0 && skip.Length == 0 ? CheckSelection.All(catalog) : CheckSelection.Create(catalog, include, skip);
        }
        catch (Config.ConfigException e)
        {
            problems.AddRange(e.Problems);
            return CheckSelection.All(catalog);
        }
    }

    public FailThreshold Threshold(ParseResult parse, List<string> problems)
    {
        try
        {
            return FailThresholdExtensions.Parse(parse.GetValue(FailOn) ?? "fail");
        }
        catch (Config.ConfigException e)
        {
            problems.AddRange(e.Problems);
            return FailThreshold.Fail;
        }
    }
}
