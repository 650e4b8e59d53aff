using System.CommandLine;
using Cargo.Doctor.Accepted;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.Cli.Options;

/// <summary>
/// Everything `check` was asked to do, read and validated in one step (config file, then flags over
/// it, then the merged whole) before any prompt, connection or AWS call. Every problem is collected
/// and thrown together, one line each.
/// </summary>
internal sealed record CheckInputs(
    DoctorConfig Config,
    IReadOnlyList<IReportRenderer> Renderers,
    CheckCatalog Catalog,
    CheckSelection Selection,
    FailThreshold FailOn,
    string OutDir,
    string? FactsPath)
{
    /// <summary>The config's <c>accept:</c> entries, judged against today (UTC).</summary>
    public Commands.AcceptedRun Accepted { get; init; } = new([], Today);

    /// <summary><c>--baseline</c>: the baseline run, or null.</summary>
    public BaselineInput? Baseline { get; init; }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The config file (if any) with the flags over it; file and flag problems go to <paramref name="problems"/>.</summary>
    public static DoctorConfig Merge(
        ParseResult parse, Option<string?> configFile, WarehouseOptions warehouse, AwsOptions aws, List<string> problems)
    {
        var config = new DoctorConfig();
        if (parse.GetValue(configFile) is { } path)
        {
            try
            {
                config = ConfigFile.Load(path);
            }
            catch (ConfigException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        config = config with { Warehouse = warehouse.Apply(parse, config.Warehouse, problems) };
        return aws.Apply(parse, config);
    }

    public static CheckInputs Read(
        ParseResult parse, Option<string?> configFile, Option<string?> saveFacts,
        WarehouseOptions warehouse, AwsOptions aws, OutputOptions output, SelectionOptions selection, BaselineOption baselineOption)
    {
        var problems = new List<string>();
        var config = Merge(parse, configFile, warehouse, aws, problems);
        var merged = DoctorConfigValidator.Validate(config);
        if (problems.Count > 0)
        {
            // "nothing to check" only adds noise when the endpoint itself was refused above.
            merged = merged.Where(p => !p.StartsWith("nothing to check", StringComparison.Ordinal) && !p.StartsWith("no database", StringComparison.Ordinal)).ToList();
        }

        problems.AddRange(merged);

        var renderers = output.AnchorSarif(parse, output.Renderers(parse, problems), parse.GetValue(configFile), problems);
        var outDir = output.Folder(parse, problems);
        var factsPath = parse.GetValue(saveFacts);
        if (factsPath is not null && OutputLocation.FileProblem(factsPath, "--save-facts") is { } factsProblem)
        {
            problems.Add(factsProblem);
        }
        else if (factsPath is not null && outDir is not null
            && OutputLocation.CollisionProblem(factsPath, "--save-facts", outDir, ReportWriter.All.Concat(ReportWriter.FixScripts).Select(r => r.FileName)) is { } clash)
        {
            problems.Add(clash);
        }

        CheckCatalog? catalog = null;
        try
        {
            catalog = CatalogLoader.LoadDefault();
        }
        catch (CatalogException e)
        {
            problems.Add(e.Message);
        }

        if (catalog is not null)
        {
            problems.AddRange(AcceptedFindingRules.Problems(config.Accept, catalog.Checks.Select(c => c.Id), Today));
        }

        var checks = catalog is null ? null : selection.Selection(parse, catalog, problems);
        var failOn = selection.Threshold(parse, problems);
        var baseline = baselineOption.Read(parse, catalog, problems);
        if (problems.Count > 0)
        {
            throw new UsageException(problems.Distinct().ToList());
        }

        return new CheckInputs(config, renderers, catalog!, checks!, failOn, outDir!, factsPath) { Accepted = new(config.Accept, Today), Baseline = baseline };
    }
}
