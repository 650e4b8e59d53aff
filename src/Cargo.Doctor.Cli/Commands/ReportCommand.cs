using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Cli.Commands;

/// <summary><c>cargo-doctor report --facts FILE</c>: replay saved facts into reports, offline.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var factsFile = new Option<string>("--facts") { Description = "A facts file written by `check --save-facts`", Required = true };
        var output = new OutputOptions();
        var selection = new SelectionOptions();
        var command = new Command("report", "Render reports from a saved facts file, without touching any warehouse");
        command.Options.Add(factsFile);
        output.AddTo(command);
        selection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var terminal = new TerminalOutput();
            var path = parse.GetValue(factsFile)!;
            if (!File.Exists(path))
            {
                throw new ConfigException($"facts file not found: {path}");
            }

            FactsSnapshot facts;
            try
            {
                facts = FactsJson.Deserialize(await File.ReadAllTextAsync(path, ct));
            }
            catch (FormatException e)
            {
                throw new ConfigException($"{path}: {e.Message}");
            }

            var renderers = output.Renderers(parse);
            var catalog = CatalogLoader.LoadDefault();
            var checks = selection.Selection(parse, catalog);
            var failOn = selection.Threshold(parse);
            // Rules run on the facts as read; an already redacted file is not redacted twice.
            var redact = parse.GetValue(output.Redact) && !facts.Redacted;
            terminal.Progress($"replaying facts from {path} (gathered {facts.StartedAt:yyyy-MM-dd HH:mm} UTC by cargo-doctor {facts.ToolVersion})");
            return ReportOutcome.EvaluateAndWrite(facts, catalog, terminal, parse.GetValue(output.Out)!, renderers, TimeSpan.Zero, checks, failOn, redact);
        });
        return command;
    }
}
