using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Cargo.Doctor.Cli.Terminal;

/// <summary>
/// What `--help` adds after System.CommandLine's option list: the options of `check` by group (the
/// list itself is in that order), where the password comes from, and the exit codes.
/// </summary>
internal sealed class HelpNotes(HelpAction standard) : SynchronousCommandLineAction
{
    public const string Groups = """
        Options of `check` by group:
          warehouse  --endpoint, --user, --login-user, --database, --schema, --function-role, --sslmode, --connect-timeout, --config
          AWS        --region, --cluster, --workgroup, --namespace, --role-arn, --profile, --aws-evidence
          Cargo      --cargo-ip, --allow-wide-cidr, --cargo-role-arn, --bucket, --prefix, --bucket-region, --read-only
          output     --out, --format, --redact, --save-facts
          CI         --fail-on, --checks, --skip, --baseline
        """;

    public const string Password = """
        Password: the warehouse password comes from CARGO_DOCTOR_PASSWORD, else PGPASSWORD, else a hidden
        prompt on an interactive terminal (never a flag or a config key). In CI (no TTY, or CI set) a
        missing password is a usage error.
        """;

    public const string ExitCodeTable = """
        Exit codes:
          0    every check passed (warnings, unknown and skipped allowed)
          1    at least one check failed (or reached --fail-on)
          2    usage or configuration error, found before any prompt, connection or AWS call
          70   internal error: a bug in cargo-doctor (please report it)
          130  stopped by SIGINT (Ctrl+C): reports written with what was gathered
          143  stopped by SIGTERM: as for 130
        """;

    /// <summary>Replaces the root's help action, which every subcommand's --help uses.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new HelpNotes(standard);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var code = standard.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        var sections = parseResult.CommandResult.Command.Name == "check" ? new[] { Groups, Password, ExitCodeTable } : [Password, ExitCodeTable];
        foreach (var section in sections)
        {
            output.WriteLine(section);
            output.WriteLine();
        }

        return code;
    }
}
