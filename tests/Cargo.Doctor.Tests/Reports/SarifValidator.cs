using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>
/// Microsoft's SARIF validator (npm <c>@microsoft/sarif-multitool</c>, command <c>validate</c>), as
/// scripts/test.sh installs it: pinned, into artifacts/tools/sarif-multitool. Its native binary is run
/// directly (the package's bin.js passes arguments through a shell). The validator writes its findings
/// as a SARIF log; an error is a result whose level, or its rule's default level, is "error", or an
/// error-level tool notification (the validator itself failing).
/// </summary>
public static class SarifValidator
{
    public const string Version = "5.7.0";

    /// <summary>
    /// The GitHub code scanning ingestion rules (GH1001 a file location on every result, GH1003 a region
    /// with a start line, GH1005 relative URIs...) are off unless a policy turns them on; this one raises
    /// them to errors, like the sarif-sdk's own GitHub policy (https://github.com/microsoft/sarif-sdk/pull/2096).
    /// </summary>
    private const string GitHubPolicy = """
        <?xml version="1.0" encoding="utf-8"?>
        <Properties>
          <Properties Key="SARIF2007.ExpressPathsRelativeToRepoRoot.Options"><Property Key="RuleEnabled" Value="Error" /></Properties>
          <Properties Key="GH1001.ProvideRequiredLocationProperties.Options"><Property Key="RuleEnabled" Value="Error" /></Properties>
          <Properties Key="GH1002.InlineThreadFlowLocations.Options"><Property Key="RuleEnabled" Value="Error" /></Properties>
          <Properties Key="GH1003.ProvideRequiredRegionProperties.Options"><Property Key="RuleEnabled" Value="Error" /></Properties>
          <Properties Key="GH1004.ReviewArraysThatExceedConfigurableDefaults.Options"><Property Key="RuleEnabled" Value="Error" /></Properties>
          <Properties Key="GH1005.LocationsMustBeRelativeUrisOrFilePaths.Options"><Property Key="RuleEnabled" Value="Error" /></Properties>
          <Properties Key="GH1006.ProvideCheckoutPath.Options"><Property Key="RuleEnabled" Value="Error" /></Properties>
        </Properties>
        """;

    public static string FindBinary()
    {
        var platform = OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        var binary = Path.Combine(
            SampleFactsTests.RepositoryRoot(), "artifacts", "tools", "sarif-multitool", "node_modules", "@microsoft",
            $"sarif-multitool-{platform}", OperatingSystem.IsWindows() ? "Sarif.Multitool.exe" : "Sarif.Multitool");
        return File.Exists(binary)
            ? binary
            : throw new InvalidOperationException(
                $"the SARIF validator is not installed ({binary}): run scripts/test.sh, which installs @microsoft/sarif-multitool@{Version} there");
    }

    /// <summary>Every error the validator reports on <paramref name="sarifPath"/>, as "RULE: message".</summary>
    /// <param name="gitHubRules">Also GitHub code scanning's ingestion rules (a file location on every result).</param>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(string sarifPath, bool gitHubRules)
    {
        var work = Directory.CreateTempSubdirectory("sarif-validate").FullName;
        var output = Path.Combine(work, "validation.sarif");
        var start = new ProcessStartInfo(FindBinary()) { RedirectStandardOutput = true, RedirectStandardError = true };
        // --quiet: the console logger fails formatting GH1001's message (ERR999); the log file has every result.
        foreach (var arg in new[] { "validate", sarifPath, "--output", output, "--quiet", "true" })
        {
            start.ArgumentList.Add(arg);
        }

        if (gitHubRules)
        {
            var policy = Path.Combine(work, "github.config.xml");
            await File.WriteAllTextAsync(policy, GitHubPolicy);
            foreach (var arg in new[] { "--config", policy, "--rule-kind", "Sarif;Ghas" })
            {
                start.ArgumentList.Add(arg);
            }
        }

        // The validator is a .NET program: no telemetry, no first-run text in its output.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var console = $"{await stdout}\n{await stderr}";
        Assert.True(process.ExitCode == 0 && File.Exists(output), $"the SARIF validator failed (exit {process.ExitCode}, {RuntimeInformation.OSDescription}):\n{console}");

        var run = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement.GetProperty("runs")[0];
        var rules = Array(run.GetProperty("tool").GetProperty("driver"), "rules");
        var errors = new List<string>();
        foreach (var result in Array(run, "results"))
        {
            var level = result.TryGetProperty("level", out var l) ? l.GetString()
                : result.TryGetProperty("ruleIndex", out var index) && rules[index.GetInt32()].TryGetProperty("defaultConfiguration", out var config)
                    && config.TryGetProperty("level", out var defaultLevel) ? defaultLevel.GetString()
                : "warning";
            if (level == "error")
            {
                errors.Add($"{result.GetProperty("ruleId").GetString()}: {Text(result)}");
            }
        }

        foreach (var invocation in Array(run, "invocations"))
        {
            foreach (var name in new[] { "toolExecutionNotifications", "toolConfigurationNotifications" })
            {
                foreach (var note in Array(invocation, name))
                {
                    // A notification without a level is a warning (SARIF 2.1.0's default).
                    if (note.TryGetProperty("level", out var level) && level.GetString() == "error")
                    {
                        errors.Add($"{name}: {Text(note)}");
                    }
                }
            }
        }

        return errors;
    }

    private static List<JsonElement> Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) ? array.EnumerateArray().ToList() : [];

    /// <summary>The message's text, or its id and arguments (the validator's own results carry those).</summary>
    private static string Text(JsonElement withMessage) =>
        !withMessage.TryGetProperty("message", out var message) ? withMessage.ToString()
        : message.TryGetProperty("text", out var text) ? text.GetString() ?? ""
        : message.ToString();
}
