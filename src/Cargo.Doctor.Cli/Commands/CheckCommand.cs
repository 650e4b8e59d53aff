using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Sources;

namespace Cargo.Doctor.Cli.Commands;

/// <summary><c>cargo-doctor check</c>: gather facts from the live warehouse and AWS, then report.</summary>
internal static class CheckCommand
{
    /// <summary>How long a stopped run waits for its sources to clean up (a fleet run's targets too).</summary>
    internal static readonly TimeSpan CleanupGrace = TimeSpan.FromSeconds(10);

    public static Command Create(Interruption interruption)
    {
        var configFile = new Option<string?>("--config") { HelpName = "file.yml", Description = "YAML config file (flags override its fields)" };
        var saveFacts = new Option<string?>("--save-facts") { HelpName = "facts.json", Description = "Also write the gathered facts (no secrets) to this file, for `report --facts`" };
        var warehouse = new WarehouseOptions();
        var aws = new AwsOptions();
        var output = new OutputOptions();
        var selection = new SelectionOptions();
        var baseline = new BaselineOption();
        var fleet = new FleetOptions();
        var command = new Command("check", "Check a live warehouse (and AWS setup) and write the reports");
        command.Options.Add(configFile);
        command.Options.Add(saveFacts);
        warehouse.AddTo(command);
        aws.AddTo(command);
        output.AddTo(command);
        selection.AddTo(command);
        baseline.AddTo(command);
        fleet.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var terminal = new TerminalOutput();
            if (FleetInputs.TargetsOf(parse, configFile) is { } targets)
            {
                var fleetInputs = FleetInputs.Read(parse, configFile, targets, saveFacts, warehouse, aws, output, selection, baseline, fleet);
                return await FleetRun.RunAsync(fleetInputs, terminal, parse.GetValue(output.Redact), interruption, ct);
            }

            if (fleet.Given(parse))
            {
                throw new UsageException("--targets and --parallel need a config file with targets:");
            }

            // One validation step: every usage problem is reported before any prompt or connection.
            var inputs = CheckInputs.Read(parse, configFile, saveFacts, warehouse, aws, output, selection, baseline);
            var config = inputs.Config;
            var (catalog, checks, failOn, renderers) = (inputs.Catalog, inputs.Selection, inputs.FailOn, inputs.Renderers);
            var password = config.Warehouse.Host is null ? null : PasswordSource.Resolve(config.Warehouse.LoginUser ?? config.Warehouse.User);
            var redact = parse.GetValue(output.Redact);
            var from = config.Warehouse.Host is null || redact ? "" : $" from {Endpoint.HostForDisplay(config.Warehouse.Host)}:{config.Warehouse.Port}";
            terminal.Progress($"cargo-doctor {ToolVersion.Current}: gathering facts{from} …");

            var clock = Stopwatch.StartNew();
            var collector = new FactsCollector(config, password);
            interruption.DeferUntilReported();
            FactsSnapshot facts;
            IReadOnlySet<string> unfinished = new HashSet<string>();
            var collecting = collector.CollectAsync(DateTimeOffset.UtcNow, ct);
            try
            {
                // WaitAsync: a signal ends the wait even where a driver does not watch the token.
                facts = await collecting.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                // A few seconds for the sources to finish cleaning up (probes drop their scratch schema).
                await Task.WhenAny(collecting, Task.Delay(CleanupGrace, CancellationToken.None));
                (facts, unfinished) = CancelledRun.WhatWasGathered(config, collector.Gathered, interruption.SignalName!);
                terminal.Error($"cancelled ({interruption.SignalName}): writing the reports with what was gathered");
            }

            var gatherTime = clock.Elapsed;
            if (collector.AwsReadTime is { } awsReadTime)
            {
                // How long the AWS side took (issue 23: the benchmark reads it); no secret, no name.
                terminal.Progress(string.Create(CultureInfo.InvariantCulture, $"AWS facts read in {awsReadTime.TotalMilliseconds:0} ms"));
            }

            if (inputs.FactsPath is { } factsPath)
            {
                await SaveFactsAsync(factsPath, redact ? FactsRedactor.Redact(facts) : facts, terminal);
            }

            // --redact: rules run on the real facts; ReportOutcome redacts what it prints and writes.
            var code = ReportOutcome.EvaluateAndWrite(facts, catalog, terminal, inputs.OutDir, renderers, gatherTime, checks, failOn, redact, unfinished, inputs.Accepted, inputs.Baseline);
            return interruption.Requested ? interruption.ExitCode : code;
        });
        return command;
    }

    /// <summary>A facts file that cannot be written is reported like a report file: the run goes on.</summary>
    private static async Task SaveFactsAsync(string path, FactsSnapshot facts, TerminalOutput terminal)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Streamed: the facts of 200,000 tables never exist as one string (issue 11.4). Not
            // cancellable: a signal still gets the facts gathered so far written whole.
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024, useAsync: true))
            {
                await FactsJson.SerializeAsync(file, facts, CancellationToken.None);
            }

            terminal.Progress($"facts saved to {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error($"could not write {path}: {e.Message}");
        }
    }
}
