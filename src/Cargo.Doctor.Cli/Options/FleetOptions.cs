using System.CommandLine;
using System.Text.RegularExpressions;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli.Options;

/// <summary><c>--targets GLOB</c> and <c>--parallel N</c>: which of the config file's <c>targets:</c> run, and how many at once.</summary>
internal sealed class FleetOptions
{
    public const int DefaultParallel = 4;

    public const int MaxParallel = 64;

    public Option<string?> Targets { get; } = new("--targets") { HelpName = "glob", Description = "With a config file that has targets: run only the targets whose name matches (* and ?, e.g. 'prod-*')" };

    public Option<int?> Parallel { get; } = new("--parallel") { HelpName = "n", Description = $"With targets: how many targets are checked at once (default {DefaultParallel})" };

    public void AddTo(Command command)
    {
        command.Options.Add(Targets);
        command.Options.Add(Parallel);
    }

    /// <summary>The targets the glob selects (all without one), or none after recording the problem.</summary>
    public IReadOnlyList<FleetTarget> Select(ParseResult parse, IReadOnlyList<FleetTarget> targets, List<string> problems)
    {
        if (parse.GetValue(Targets) is not { } glob)
        {
            return targets;
        }

        var pattern = new Regex("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var selected = targets.Where(t => pattern.IsMatch(t.Name)).ToList();
        if (selected.Count == 0)
        {
            problems.Add($"--targets '{DisplayGlob(glob)}': no target matches (targets: {string.Join(", ", targets.Select(t => t.Name))})");
        }

        return selected;
    }

    public int ParallelCount(ParseResult parse, List<string> problems)
    {
        var n = parse.GetValue(Parallel) ?? DefaultParallel;
        if (n < 1 || n > MaxParallel)
        {
            problems.Add($"--parallel {n}: choose a number from 1 to {MaxParallel}");
            return DefaultParallel;
        }

        return n;
    }

    /// <summary>Whether either option was given (they mean nothing without targets:).</summary>
    public bool Given(ParseResult parse) => parse.GetValue(Targets) is not null || parse.GetValue(Parallel) is not null;

    private static string DisplayGlob(string glob) => new(glob.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
