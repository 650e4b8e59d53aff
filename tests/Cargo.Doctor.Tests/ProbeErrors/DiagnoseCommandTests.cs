using System.Diagnostics;
using System.Text.Json;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.ProbeErrors;

/// <summary>
/// <c>cargo-doctor diagnose</c> as a user runs it: a text, a file, standard input; text and json;
/// exit 0 when a cause explains the text, 1 when none does, 2 on bad input. Offline: no config, no credentials.
/// </summary>
[Trait("Category", "Cli")]
public sealed class DiagnoseCommandTests
{
    /// <summary>Quoted on https://docs.aws.amazon.com/redshift/latest/dg/s3serviceexception-error.html.</summary>
    private const string S3Denied = "ERROR: S3ServiceException:Access Denied,Status 403,Error AccessDenied,Rid X,ExtRid Y,CanRetry 1";

    [Fact]
    public async Task a_documented_text_prints_its_cause_checks_and_fix_and_exits_0()
    {
        var result = await CliProcess.RunAsync(["diagnose", S3Denied]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cause: s3-access-denied", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("checks to run: probe.copy-round-trip", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("{{bucket}}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("s3serviceexception-error.html", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_text_no_check_explains_exits_1()
    {
        var result = await CliProcess.RunAsync(["diagnose", "column \"x\" does not exist"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No known cause", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_log_file_gives_every_cause_in_json()
    {
        var log = Path.Combine(Path.GetTempPath(), $"cargo-doctor-diagnose-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(log,
            "2026-12-06T10:00:00Z sync started\n" +
            "2026-12-06T10:00:01Z ERROR: permission denied for schema sales\n" +
            "2026-12-06T10:00:02Z ERROR: Load into table 'orders' failed. Check 'stl_load_errors' system table for details.\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliProcess.RunAsync(["diagnose", "--file", log, "--format", "json"]);

            Assert.Equal(0, result.ExitCode);
            using var json = JsonDocument.Parse(result.Stdout);
            Assert.True(json.RootElement.GetProperty("explained").GetBoolean());
            var causes = json.RootElement.GetProperty("causes").EnumerateArray()
                .Select(c => (c.GetProperty("cause").GetString(), c.GetProperty("verdict").GetString(), c.GetProperty("confidence").GetString())).ToList();
            Assert.Equal([("schema-permission", "db.schema-usage", "likely"), ("data-error", "not-setup", "likely")], causes);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task standard_input_is_read_when_no_text_or_file_is_given()
    {
        var start = CliProcess.StartInfo(["diagnose", "--format", "json"]);
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync("Delimiter not found\n".AsMemory(), TestContext.Current.CancellationToken);
        process.StandardInput.Close();
        var result = await CliProcess.WaitAsync(process, ["diagnose"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("not-setup", json.RootElement.GetProperty("causes")[0].GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task text_and_file_together_or_a_missing_file_are_usage_errors()
    {
        var both = await CliProcess.RunAsync(["diagnose", S3Denied, "--file", "/nonexistent/sync.log"]);
        var missing = await CliProcess.RunAsync(["diagnose", "--file", "/nonexistent/sync.log"]);

        Assert.Equal(2, both.ExitCode);
        Assert.Equal(2, missing.ExitCode);
        Assert.DoesNotContain("   at ", missing.Stderr, StringComparison.Ordinal);
        Assert.Single(missing.Stderr.Trim().Split('\n'));
    }
}
