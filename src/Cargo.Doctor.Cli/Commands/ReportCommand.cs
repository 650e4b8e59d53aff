using System.CommandLine;
using Cargo.Doctor.Accepted;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Files;

namespace Cargo.Doctor.Cli.Commands;

/// <summary><c>cargo-doctor report --facts FILE</c>: replay saved facts into reports, offline.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var factsFile = new Option<string>("--facts") { HelpName = "facts.json", Description = "A facts file written by `check --save-facts`", Required = true };
        var configFile = new Option<string?>("--config") { HelpName = "file.yml", Description = "A config file; only its accept: list is used here" };
        var output = new OutputOptions();
        var baselineOption = new BaselineOption();
        var selection = new SelectionOptions();
        var command = new Command("report", "Render reports from a saved facts file, without touching any warehouse");
        command.Options.Add(factsFile);
        command.Options.Add(configFile);
        baselineOption.AddTo(command);
        output.AddTo(command);
        selection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var terminal = new TerminalOutput();
            var path = parse.GetValue(factsFile)!;
            // Every usage problem at once, before reading anything.
            var problems = new List<string>();
            if (path.Any(char.IsControl))
            {
                problems.Add("--facts: the path contains a control character");
            }
            else if (!File.Exists(path))
            {
                problems.Add($"facts file not found: '{path}'");
            }

            var renderers = output.AnchorSarif(parse, output.Renderers(parse, problems), parse.GetValue(configFile), problems);
            var outDir = output.Folder(parse, problems);
            var catalog = CatalogLoader.LoadDefault();
            // The facts file's kind picks the catalog (a vendor run's checks are vendor.*), so before reading it
            // an id is wrong only when neither catalog has it; after reading, the file's own catalog decides.
            var selectionProblems = new List<string>();
            var checks = selection.Selection(parse, catalog, selectionProblems);
            var vendorSelectionProblems = new List<string>();
            selection.Selection(parse, CatalogLoader.LoadVendor(), vendorSelectionProblems);
            if (vendorSelectionProblems.Count > 0)
            {
                problems.AddRange(selectionProblems);
            }

            var failOn = selection.Threshold(parse, problems);
            var accepted = AcceptedFromConfig(parse.GetValue(configFile), catalog, problems);
            var baseline = baselineOption.Read(parse, catalog, problems);
            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            FactsSnapshot facts;
            try
            {
                facts = FactsJson.Deserialize(BoundedRead.FileText(path));
            }
            catch (FormatException e)
            {
                throw new UsageException($"{path}: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{path}: could not be read: {e.Message}");
            }

            if (facts.Vendor is not null)
            {
                // A `cargo-doctor vendor` run: Cargo's checks, selected among themselves.
                catalog = CatalogLoader.LoadVendor();
                checks = selection.Selection(parse, catalog, problems);
                if (problems.Count > 0)
                {
                    throw new UsageException(problems);
                }
            }
            else if (selectionProblems.Count > 0)
            {
                throw new UsageException(selectionProblems);
            }

            // Rules run on the facts as read; an already redacted file is not redacted twice.
            var redact = parse.GetValue(output.Redact) && !facts.Redacted;
            terminal.Progress($"replaying facts from {path} (gathered {facts.StartedAt:yyyy-MM-dd HH:mm} UTC by cargo-doctor {facts.ToolVersion})");
            return ReportOutcome.EvaluateAndWrite(facts, catalog, terminal, outDir!, renderers, TimeSpan.Zero, checks, failOn, redact, accepted: accepted, baseline: baseline);
        });
        return command;
    }

    /// <summary>The config file's acceptances, checked against the catalog and today like <c>check</c> does.</summary>
    private static AcceptedRun? AcceptedFromConfig(string? path, CheckCatalog catalog, List<string> problems)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            var config = ConfigFile.Load(path);
            problems.AddRange(AcceptedFindingRules.Problems(config.Accept, catalog.Checks.Select(c => c.Id), CheckInputs.Today));
            return new AcceptedRun(config.Accept, CheckInputs.Today);
        }
        catch (ConfigException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }
}
