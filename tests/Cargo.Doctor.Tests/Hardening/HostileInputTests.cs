using System.Text.RegularExpressions;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 13 items 9 and 11: every row of <see cref="HostileInputs"/> is a one-line usage error with
/// exit code 2, found before the run prompts, connects or prints progress, in the customer's words
/// (no .NET type name, no "internal error", no stack trace). "Before connecting" is observed for every
/// row whatever host it names: the run is traced and may make no IPv4/IPv6 connect() at all, not only
/// none to the {endpoint} listener (which many rows do not target).
/// </summary>
[Trait("Category", "Cli")]
public sealed partial class HostileInputTests
{
    [Theory]
    [MemberData(nameof(HostileInputs.Names), MemberType = typeof(HostileInputs))]
    public async Task hostile_input_is_a_one_line_usage_error_before_connecting(string name)
    {
        var run = await HostileRun.RunAsync(HostileInputs.Named(name));
        var result = run.Result;

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(run.Expected, result.Stderr);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(@"^(error: |run `cargo-doctor --help` for usage$)", line));
        Assert.DoesNotContain("internal error", result.Stderr);
        Assert.DoesNotMatch(DotNetTypeName(), result.Stderr + result.Stdout);
        Assert.DoesNotContain("gathering facts", result.Stderr);
        Assert.Equal(0, run.Connections);
        Assert.Empty(run.InetConnects);
        Assert.Empty(Directory.GetFileSystemEntries(run.OutDir));
    }

    [Fact]
    public async Task the_trace_sees_a_connection_to_an_address_that_is_no_listener()
    {
        // The control for the Assert.Empty(run.InetConnects) above: a valid run to a closed loopback port is seen.
        var run = await HostileRun.RunAsync(new HostileInput("reaches", ["--endpoint", "127.0.0.1:1/dev"], ""));

        Assert.Equal(0, run.Connections);
        Assert.Contains(run.InetConnects, c => c.Contains("sin_port=htons(1),", StringComparison.Ordinal) && c.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task every_problem_is_reported_at_once_one_line_each()
    {
        var input = new HostileInput("many", [
            "--endpoint", "{endpoint}", "--user", "a\u0001b", "--schema", "dev.s:write", "--cargo-role-arn", "bad",
            "--connect-timeout", "0", "--out", "{file}", "--format", "pdf", "--checks", "db.nope", "--cargo-ip", "nonsense"], "");

        var run = await HostileRun.RunAsync(input);

        Assert.True(run.Result.ExitCode == 2, run.Result.ToString());
        var lines = run.Result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length);
        foreach (var expected in new[] { "--user contains a control character", "unknown access 'write'", "--cargo-role-arn 'bad'", "--connect-timeout 0", "is a file, not a folder", "--format 'pdf'", "no check matches 'db.nope'", "--cargo-ip 'nonsense'" })
        {
            Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal));
        }

        Assert.Equal(0, run.Connections);
        Assert.Empty(run.InetConnects);
    }

    [Fact]
    public async Task a_config_file_reports_every_bad_key_with_its_line()
    {
        var input = new HostileInput("config", ["--config", "{config}"], "",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  connectTimeout: 0\n  port: [1]\n  sslmode: require\naws:\n  roleArn: x\n");

        var run = await HostileRun.RunAsync(input);

        Assert.True(run.Result.ExitCode == 2, run.Result.ToString());
        var lines = run.Result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("doctor.yml: line 3: warehouse.connectTimeout:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("doctor.yml: line 4: warehouse.port: expected a single value", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("doctor.yml: line 5: warehouse.sslmode: unknown key", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("doctor.yml: line 7: aws.roleArn: 'x' is not an IAM role ARN", StringComparison.Ordinal));
    }

    /// <summary>What .NET leaks into messages: namespaced type names, generic arity, "(Collection)".</summary>
    [GeneratedRegex(@"System\.[A-Z]|`\d|\(Collection\)|Cargo\.Doctor\.|\bat [A-Z][A-Za-z.]+\(")]
    private static partial Regex DotNetTypeName();
}
