using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Findings;
using Cargo.Doctor.History;

namespace Cargo.Doctor.Cli.Options;

/// <summary><c>--baseline FILE</c>: an earlier report.json (or facts file); only what regressed against it fails the run.</summary>
internal sealed class BaselineOption
{
    public Option<string?> Baseline { get; } = new("--baseline") { HelpName = "report.json", Description = "An earlier report.json or facts file: the exit code counts only what regressed against it; reports mark each finding new, unchanged or fixed" };

    public void AddTo(Command command) => command.Options.Add(Baseline);

    /// <summary>Each check's status in the baseline, or null without --baseline (or after recording why it cannot be read).</summary>
    public IReadOnlyDictionary<string, CheckStatus>? Read(ParseResult parse, CheckCatalog? catalog, List<string> problems)
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
            return RunFileReader.Read(path, catalog).Findings
                .GroupBy(f => f.CheckId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Status, StringComparer.Ordinal);
        }
        catch (FormatException e)
        {
            problems.Add($"--baseline: {e.Message}");
            return null;
        }
    }
}
