using System.CommandLine;
using System.Diagnostics;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Sources.Vendor;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// <c>cargo-doctor vendor</c>: Cargo's half of the role chain, for Cargo's support, with Cargo's credentials (standard
/// chain or --profile). Read-only: only Get, List and Describe calls. Same reports, fix-aws.sh and facts file as <c>check</c>.
/// </summary>
internal static class VendorCommand
{
    public static Command Create()
    {
        var configFile = new Option<string?>("--config") { HelpName = "file.yml", Description = "YAML config file (its cargo: and aws: keys; flags override them)" };
        var saveFacts = new Option<string?>("--save-facts") { HelpName = "facts.json", Description = "Also write the gathered facts (no secrets) to this file, for `report --facts` and `chain`" };
        var probe = new Option<bool>("--probe") { Description = "Also probe the network path from here to --endpoint (TCP, TLS, PostgreSQL startup; a login when CARGO_DOCTOR_PASSWORD or PGPASSWORD is set)" };
        var evidence = new Option<string?>("--aws-evidence") { HelpName = "dir", Description = "Folder of AWS CLI JSON output (Cargo's role, bucket, key) to read instead of calling AWS" };
        var evidenceCommands = new Option<bool>("--aws-evidence-commands") { Description = "Print the AWS CLI commands that fill an --aws-evidence folder for this run, then exit" };
        var vendor = new VendorOptions();
        var output = new OutputOptions();
        var selection = new SelectionOptions();
        var command = new Command("vendor", "Check Cargo's side of the role chain (Cargo's role, bucket, key) with Cargo's credentials");
        command.Options.Add(configFile);
        command.Options.Add(saveFacts);
        command.Options.Add(probe);
        command.Options.Add(evidence);
        command.Options.Add(evidenceCommands);
        vendor.AddTo(command);
        output.AddTo(command);
        selection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var terminal = new TerminalOutput();
            var problems = new List<string>();
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

            var request = vendor.Read(parse, config, problems);
            var renderers = output.Renderers(parse, problems);
            var outDir = output.Folder(parse, problems);
            var factsPath = parse.GetValue(saveFacts);
            if (factsPath is not null && OutputLocation.FileProblem(factsPath, "--save-facts") is { } factsProblem)
            {
                problems.Add(factsProblem);
            }

            if (parse.GetValue(probe) && request.Endpoint is null)
            {
                problems.Add("--probe needs --endpoint host:port/db");
            }

            var evidenceDir = parse.GetValue(evidence);
            if (evidenceDir is not null && evidenceDir.Any(char.IsControl))
            {
                problems.Add("--aws-evidence contains a control character");
            }
            else if (evidenceDir is not null && !Directory.Exists(evidenceDir))
            {
                problems.Add($"--aws-evidence folder not found: {evidenceDir}");
            }

            var catalog = CatalogLoader.LoadVendor();
            var checks = selection.Selection(parse, catalog, problems);
            var failOn = selection.Threshold(parse, problems);
            if (problems.Count > 0)
            {
                throw new UsageException(problems.Distinct().ToList());
            }

            if (parse.GetValue(evidenceCommands))
            {
                foreach (var line in VendorEvidenceFiles.Commands(request))
                {
                    terminal.Line(line);
                }

                return ExitCodes.Ok;
            }

            var redact = parse.GetValue(output.Redact);
            terminal.Progress($"cargo-doctor {ToolVersion.Current}: reading Cargo's side (role, bucket, key) …");
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            var profile = parse.GetValue(vendor.Profile) ?? config.Vendor.Profile;
            var vendorFacts = evidenceDir is not null
                ? await VendorFactsSource.ReadEvidenceAsync(request, evidenceDir, ct)
                : await VendorFactsSource.ReadAsync(request, new AwsClientOptions(request.Region, profile), ct);
            if (parse.GetValue(probe) && parse.GetValue(vendor.Endpoint) is { } endpointText)
            {
                var endpoint = Endpoint.Parse(endpointText);
                // As `check` does: with --redact the terminal names no host either.
                terminal.Progress(redact ? "probing the network path to the endpoint …" : $"probing the network path to {Endpoint.HostForDisplay(endpoint.Host)}:{endpoint.Port ?? 5439} …");
                var sslMode = endpoint.SslMode ?? config.Warehouse.SslMode;
                var probed = await new VendorNetworkProbe(TimeSpan.FromSeconds(10)).RunAsync(endpoint.Host, endpoint.Port ?? 5439, endpoint.Database ?? "dev", endpoint.User ?? config.Warehouse.User, ct, sslMode);
                // With the Cargo user's password in the environment (as `check` reads it), the probe logs in too.
                if (probed.Steps[^1] is { Step: "startup", Outcome: "ok" } && PasswordFromEnvironment() is { } password)
                {
                    var warehouse = config.Warehouse with { Host = endpoint.Host, User = endpoint.User ?? config.Warehouse.User, Port = endpoint.Port ?? 5439, SslMode = sslMode };
                    probed = probed with { Steps = [.. probed.Steps, await VendorLoginProbe.RunAsync(warehouse, probed.Database, password, ct)] };
                }

                vendorFacts = vendorFacts with { Probe = probed };
            }

            var facts = new FactsSnapshot
            {
                ToolVersion = ToolVersion.Current,
                StartedAt = started,
                Target = new TargetDescription { Region = request.Region },
                Vendor = vendorFacts,
            };
            var gatherTime = clock.Elapsed;
            if (factsPath is not null)
            {
                await SaveFactsAsync(factsPath, redact ? FactsRedactor.Redact(facts) : facts, terminal);
            }

            return ReportOutcome.EvaluateAndWrite(facts, catalog, terminal, outDir!, renderers, gatherTime, checks, failOn, redact);
        });
        return command;
    }

    /// <summary>CARGO_DOCTOR_PASSWORD, then PGPASSWORD, as <c>check</c> reads them; no prompt: without one the probe stops before the login.</summary>
    private static string? PasswordFromEnvironment() =>
        new[] { "CARGO_DOCTOR_PASSWORD", "PGPASSWORD" }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => v is { Length: > 0 });

    private static async Task SaveFactsAsync(string path, FactsSnapshot facts, TerminalOutput terminal)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
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
