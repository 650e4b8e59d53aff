using System.CommandLine;
using Cargo.Doctor.Accepted;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.History;
using Cargo.Doctor.Reports;

namespace Cargo.Doctor.Cli.Options;

/// <summary>One target of a fleet run, ready to check: its merged config, password, acceptances and baseline.</summary>
internal sealed record FleetTargetInputs(FleetTarget Target, DoctorConfig Config, string? Password, Commands.AcceptedRun Accepted, BaselineInput? Baseline);

/// <summary>
/// `check --config fleet.yml`: every target read and validated in one step before any connection,
/// like <see cref="CheckInputs"/> for one target. Flags apply to every target; each problem names
/// its target. Passwords come from each target's passwordEnv (or CARGO_DOCTOR_PASSWORD, PGPASSWORD),
/// never from a prompt: targets run at once.
/// </summary>
internal sealed record FleetInputs(
    IReadOnlyList<FleetTargetInputs> Targets,
    IReadOnlyList<IReportRenderer> Renderers,
    CheckCatalog Catalog,
    CheckSelection Selection,
    FailThreshold FailOn,
    string OutDir,
    int Parallel)
{
    /// <summary>The config file's targets, or null when there is no config file or it has no targets: (a one-target run).</summary>
    public static IReadOnlyList<FleetTarget>? TargetsOf(ParseResult parse, Option<string?> configFile)
    {
        if (parse.GetValue(configFile) is not { } path)
        {
            return null;
        }

        try
        {
            return ConfigFile.Load(path).Targets is { Count: > 0 } targets ? targets : null;
        }
        catch (ConfigException)
        {
            // Reported by the one-target path, which reads the file again.
            return null;
        }
    }

    public static FleetInputs Read(
        ParseResult parse, Option<string?> configFile, IReadOnlyList<FleetTarget> all, Option<string?> saveFacts,
        WarehouseOptions warehouse, AwsOptions aws, OutputOptions output, SelectionOptions selection, BaselineOption baselineOption, FleetOptions fleet)
    {
        var problems = new List<string>();
        if (parse.GetValue(saveFacts) is not null)
        {
            problems.Add("--save-facts: not with targets: (each target writes its own reports; run one target to save its facts)");
        }

        if (parse.GetValue(baselineOption.Baseline) is not null)
        {
            problems.Add("--baseline: not with targets: (give each target its own baseline: in the config file)");
        }

        var renderers = output.Renderers(parse, problems);
        var outDir = output.Folder(parse, problems);
        CheckCatalog? catalog = null;
        try
        {
            catalog = CatalogLoader.LoadDefault();
        }
        catch (CatalogException e)
        {
            problems.Add(e.Message);
        }

        var checks = catalog is null ? null : selection.Selection(parse, catalog, problems);
        var failOn = selection.Threshold(parse, problems);
        var parallel = fleet.ParallelCount(parse, problems);
        var folder = Path.GetDirectoryName(Path.GetFullPath(parse.GetValue(configFile)!))!;
        var targets = new List<FleetTargetInputs>();
        foreach (var target in fleet.Select(parse, all, problems))
        {
            var own = new List<string>();
            var config = target.Config with { Warehouse = warehouse.Apply(parse, target.Config.Warehouse, own) };
            config = aws.Apply(parse, config);
            own.AddRange(DoctorConfigValidator.Validate(config));
            if (catalog is not null)
            {
                own.AddRange(AcceptedFindingRules.Problems(config.Accept, catalog.Checks.Select(c => c.Id), CheckInputs.Today));
            }

            var password = config.Warehouse.Host is null ? null : Password(target, config, own);
            var baseline = target.Baseline is { } path && catalog is not null ? Baseline(Path.Combine(folder, path), parse.GetValue(baselineOption.AllowOtherTarget), catalog, own) : null;
            problems.AddRange(own.Select(p => $"target {target.Name}: {p}"));
            targets.Add(new FleetTargetInputs(target, config, password, new(config.Accept, CheckInputs.Today), baseline));
        }

        if (problems.Count > 0)
        {
            throw new UsageException(problems.Distinct().ToList());
        }

        return new FleetInputs(targets, renderers, catalog!, checks!, failOn, outDir!, parallel);
    }

    private static string? Password(FleetTarget target, DoctorConfig config, List<string> problems)
    {
        var names = target.PasswordEnv is { } named ? [named] : new[] { "CARGO_DOCTOR_PASSWORD", "PGPASSWORD" };
        if (names.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => v is { Length: > 0 }) is { } value)
        {
            return value;
        }

        var user = config.Warehouse.LoginUser ?? config.Warehouse.User;
        problems.Add(target.PasswordEnv is { } name
            ? $"passwordEnv: the variable {name} (the password of \"{user}\") is not set"
            : $"no password for \"{user}\": name the variable that holds it with passwordEnv (or set CARGO_DOCTOR_PASSWORD)");
        return null;
    }

    private static BaselineInput? Baseline(string path, bool allowOtherTarget, CheckCatalog catalog, List<string> problems)
    {
        if (path.Any(char.IsControl))
        {
            problems.Add("baseline: the path contains a control character");
            return null;
        }

        try
        {
            return new BaselineInput(RunFileReader.Read(path, catalog), allowOtherTarget);
        }
        catch (FormatException e)
        {
            problems.Add($"baseline: {e.Message}");
            return null;
        }
    }
}
