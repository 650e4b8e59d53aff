using System.CommandLine;
using System.Diagnostics;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Running;

namespace Cargo.Doctor.Cli.Commands;

/// <summary><c>cargo-doctor check</c>: gather facts from the live warehouse and AWS, then report.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var configFile = new Option<string?>("--config") { Description = "YAML config file (flags override its fields)" };
        var saveFacts = new Option<string?>("--save-facts") { Description = "Also write the gathered facts (no secrets) to this file, for `report --facts`" };
        var warehouse = new WarehouseOptions();
        var aws = new AwsOptions();
        var output = new OutputOptions();
        var selection = new SelectionOptions();
        var command = new Command("check", "Check a live warehouse (and AWS setup) and write the reports");
        command.Options.Add(configFile);
        command.Options.Add(saveFacts);
        warehouse.AddTo(command);
        aws.AddTo(command);
        output.AddTo(command);
        selection.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var terminal = new TerminalOutput();
            var config = parse.GetValue(configFile) is { } path ? ConfigFile.Load(path) : new DoctorConfig();
            config = config with { Warehouse = warehouse.Apply(parse, config.Warehouse) };
            config = aws.Apply(parse, config);
            var renderers = output.Renderers(parse);
            if (config.Warehouse.Host is null && !config.Aws.IsConfigured)
            {
                throw new ConfigException("nothing to check: pass --endpoint host:port/database (or --cluster/--workgroup), or use `cargo-doctor report --facts FILE`");
            }

            if (config.Warehouse.Host is not null && config.Warehouse.AllDatabases.Count == 0)
            {
                throw new ConfigException("no database: end --endpoint with /database or pass --database");
            }

            var catalog = CatalogLoader.LoadDefault();
            var checks = selection.Selection(parse, catalog);
            var failOn = selection.Threshold(parse);
            var password = config.Warehouse.Host is null ? null : PasswordSource.Resolve(config.Warehouse.LoginUser ?? config.Warehouse.User);
            var redact = parse.GetValue(output.Redact);
            var from = config.Warehouse.Host is null || redact ? "" : $" from {config.Warehouse.Host}:{config.Warehouse.Port}";
            terminal.Progress($"cargo-doctor {ToolVersion.Current}: gathering facts{from} …");

            var clock = Stopwatch.StartNew();
            var facts = await new FactsCollector(config, password).CollectAsync(DateTimeOffset.UtcNow, ct);
            var gatherTime = clock.Elapsed;
            if (parse.GetValue(saveFacts) is { } factsPath)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(factsPath));
                Directory.CreateDirectory(directory!);
                await File.WriteAllTextAsync(factsPath, FactsJson.Serialize(redact ? FactsRedactor.Redact(facts) : facts), ct);
                terminal.Progress($"facts saved to {factsPath}");
            }

            // --redact: rules run on the real facts; ReportOutcome redacts what it prints and writes.
            return ReportOutcome.EvaluateAndWrite(facts, catalog, terminal, parse.GetValue(output.Out)!, renderers, gatherTime, checks, failOn, redact);
        });
        return command;
    }
}
