using System.CommandLine;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Options;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Setup;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// <c>cargo-doctor setup</c>: writes setup.sql, setup-aws.sh and setup.md for the configured names,
/// from the catalog templates the fixes use, without connecting anywhere. Same flags and config file
/// as <c>check</c>, plus the name of the IAM role to create.
/// </summary>
internal static class SetupCommand
{
    public static Command Create()
    {
        var configFile = new Option<string?>("--config") { Description = "YAML config file, the same as check's (flags override its fields)" };
        var roleName = new Option<string?>("--customer-role-name") { Description = $"Name of the IAM role to create in your account for Redshift (default: the name in --role-arn, else {SetupRequest.DefaultCustomerRoleName})" };
        var outDir = new Option<string>("--out") { Description = "Folder for setup.sql, setup-aws.sh and setup.md", DefaultValueFactory = _ => "cargo-doctor-setup" };
        var warehouse = new WarehouseOptions();
        var aws = new AwsOptions();
        var command = new Command("setup", """
            Write the whole Cargo setup for your names, without connecting anywhere: setup.sql (the database
            user, its grants and function role, one block per database, for psql), setup-aws.sh (the IAM role,
            its policy, attaching it, the security-group rule for each Cargo IP, public access; each step checks
            first, so it can run again) and setup.md (the same steps as a checklist with console paths).
            Takes the same flags and config file as check; run check afterwards to verify.
            """);
        command.Options.Add(configFile);
        command.Options.Add(roleName);
        command.Options.Add(outDir);
        warehouse.AddTo(command);
        aws.AddTo(command);

        command.SetAction(parse =>
        {
            var problems = new List<string>();
            var config = CheckInputs.Merge(parse, configFile, warehouse, aws, problems);
            // setup connects to nothing: no endpoint is needed, only names.
            problems.AddRange(DoctorConfigValidator.Validate(config)
                .Where(p => !p.StartsWith("nothing to check", StringComparison.Ordinal) && !p.StartsWith("no database", StringComparison.Ordinal)));
            if (config.Warehouse.AllDatabases.Count == 0)
            {
                problems.Add("setup needs a database: pass --database NAME or --schema DB.SCHEMA (or end --endpoint with /database)");
            }

            var name = SetupRequest.RoleNameFrom(parse.GetValue(roleName), config.Aws.RoleArn);
            if (!IamRoleName.IsValid(name))
            {
                problems.Add($"--customer-role-name '{name.ReplaceLineEndings(" ")}': {IamRoleName.Expected}");
            }
            else if (parse.GetValue(roleName) is { } given && config.Aws.RoleArn is { } arn && !arn.EndsWith("/" + given, StringComparison.Ordinal))
            {
                problems.Add($"--customer-role-name '{given}' is not the role in --role-arn '{arn}': pass one of them");
            }

            var folder = parse.GetValue(outDir);
            if (OutputLocation.FolderProblem(folder, "--out") is { } folderProblem)
            {
                problems.Add(folderProblem);
            }

            if (problems.Count > 0)
            {
                throw new ConfigException(problems.Distinct().ToList());
            }

            var terminal = new TerminalOutput();
            if (config.Warehouse.Host is not null)
            {
                terminal.Progress("setup writes the whole setup and reads nothing: for an existing warehouse, `cargo-doctor check` writes fix.sql and fix-aws.sh with only what is missing");
            }

            var written = SetupFiles.Write(folder!, new SetupRequest(config, name), CatalogLoader.LoadDefault());
            foreach (var file in written)
            {
                terminal.Line(file);
            }

            terminal.Progress("review them, run them (psql -f setup.sql as a superuser; bash setup-aws.sh), then run `cargo-doctor check` with the same options");
            return ExitCodes.Ok;
        });
        return command;
    }
}
