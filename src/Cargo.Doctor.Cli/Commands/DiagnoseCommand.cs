using System.CommandLine;
using System.Text;
using System.Text.Json;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;
using Cargo.Doctor.Diagnosis;
using Cargo.Doctor.Files;
using Cargo.Doctor.ProbeErrors;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// <c>cargo-doctor diagnose "&lt;error text&gt;"</c> (or <c>--file sync.log</c>, or standard input): which
/// causes an error message points to, the checks to run and the fix template, offline and without
/// credentials. Exit 0 when some cause explains it, 1 when none does, 2 on bad input.
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("TEXT") { Description = "The error message (omit it to give --file or standard input)", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "Read the error text from this file (e.g. a sync log)" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diagnose", "Explain an error message from a Cargo sync (offline): its causes, the checks to run and the fix");
        command.Arguments.Add(text);
        command.Options.Add(file);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var input = Input(parse.GetValue(text), parse.GetValue(file));
            var causes = ErrorDiagnosis.Diagnose(input, CatalogLoader.LoadDefault());
            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(Json(causes));
            }
            else
            {
                Print(causes, new TerminalOutput());
            }

            return causes.Count > 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static string Input(string? text, string? file)
    {
        if (text is not null && file is not null)
        {
            throw new UsageException("diagnose: give the error text or --file, not both");
        }

        if (file is not null)
        {
            try
            {
                return BoundedRead.FileText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--file: cannot read '{file}': {e.Message}");
            }
        }

        if (text is not null)
        {
            return string.IsNullOrWhiteSpace(text) ? throw new UsageException("diagnose: the error text is empty") : text;
        }

        if (!Console.IsInputRedirected)
        {
            throw new UsageException("diagnose: give the error text, --file, or pipe the text on standard input");
        }

        var buffer = new char[8192];
        var read = new StringBuilder();
        int n;
        while ((n = Console.In.Read(buffer, 0, buffer.Length)) > 0)
        {
            // The same bound as every input file.
            if (read.Length + n > BoundedRead.MaxBytes)
            {
                throw new UsageException($"diagnose: standard input is larger than {BoundedRead.LimitText}");
            }

            read.Append(buffer, 0, n);
        }

        return read.Length == 0 ? throw new UsageException("diagnose: standard input is empty") : read.ToString();
    }

    private static void Print(IReadOnlyList<DiagnosedCause> causes, TerminalOutput terminal)
    {
        if (causes.Count == 0)
        {
            terminal.Line("No known cause: no check explains this text. Run `cargo-doctor check` and send the text to Cargo support.");
            return;
        }

        foreach (var cause in causes)
        {
            var certainty = cause.Likely ? "likely cause" : "cause";
            terminal.Line(cause.Verdict == ProbeErrorClassifier.NotSetupCause
                ? $"{certainty}: {cause.Cause} (not a setup problem)"
                : $"{certainty}: {cause.Cause}");
            terminal.Line($"  {cause.Explanation}");
            terminal.Line($"  source: {cause.Page}{(cause.Likely ? " (this text is not quoted there: the match is likely, not certain)" : "")}");
            if (cause.Checks.Count > 0)
            {
                terminal.Line($"  checks to run: {string.Join(", ", cause.Checks)} (cargo-doctor check --checks {string.Join(",", cause.Checks)})");
            }

            if (cause.Fix is { } fix && cause.FixBlocks.Count > 0)
            {
                terminal.Line($"  fix ({fix.CheckId}, {fix.Key}; fill in the {{{{placeholders}}}}):");
                foreach (var block in cause.FixBlocks)
                {
                    foreach (var line in block.Text.Split('\n'))
                    {
                        terminal.Line($"    {line}");
                    }
                }
            }

            terminal.Line("");
        }
    }

    internal static string Json(IReadOnlyList<DiagnosedCause> causes)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("explained", causes.Count > 0);
            json.WriteStartArray("causes");
            foreach (var cause in causes)
            {
                json.WriteStartObject();
                json.WriteString("cause", cause.Cause);
                json.WriteString("verdict", cause.Verdict);
                json.WriteString("confidence", cause.Likely ? "likely" : "documented");
                json.WriteString("explanation", cause.Explanation);
                json.WriteString("page", cause.Page);
                json.WriteStartArray("checks");
                foreach (var check in cause.Checks)
                {
                    json.WriteStringValue(check);
                }

                json.WriteEndArray();
                if (cause.Fix is { } fix)
                {
                    json.WriteStartObject("fix");
                    json.WriteString("checkId", fix.CheckId);
                    json.WriteString("key", fix.Key);
                    json.WriteStartArray("blocks");
                    foreach (var block in cause.FixBlocks)
                    {
                        json.WriteStartObject();
                        json.WriteString("kind", block.Kind);
                        json.WriteString("text", block.Text);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
