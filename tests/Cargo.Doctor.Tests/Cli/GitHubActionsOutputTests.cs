using System.Text.Json;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// With GITHUB_ACTIONS=true the CLI appends report.md to $GITHUB_STEP_SUMMARY and prints one
/// ::error / ::warning workflow command per failing / warning check, escaped
/// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
/// </summary>
[Trait("Category", "Cli")]
public sealed class GitHubActionsOutputTests
{
    private const string Hostile = "refused \u001b[2J 50%0A\r\n::warning::pwned,x:y";

    [Fact]
    public async Task the_summary_is_appended_and_each_failing_check_is_one_escaped_annotation()
    {
        var path = await FactsFiles.WriteAsync(WithFailureMessage(FactsFiles.AllGood(), Hostile));
        var dir = Path.GetDirectoryName(path)!;
        var summary = Path.Combine(dir, "step-summary.md");
        await File.WriteAllTextAsync(summary, "earlier step\n", TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", Path.Combine(dir, "out"), "--format", "json"], Actions(summary));

        Assert.True(result.ExitCode == 1, result.ToString());
        var text = await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken);
        Assert.StartsWith("earlier step\n# Cargo Doctor report", text, StringComparison.Ordinal);
        Assert.Contains("Cargo is NOT ready", text, StringComparison.Ordinal);

        var commands = CommandsRun(result.Stdout);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "out", "report.json"), TestContext.Current.CancellationToken)).RootElement;
        var problems = report.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("status").GetString() is "fail" or "warn")
            .Select(f => (Id: f.GetProperty("checkId").GetString()!, Command: f.GetProperty("status").GetString() == "fail" ? "error" : "warning"))
            .ToList();
        Assert.NotEmpty(problems);
        Assert.Equal(problems.Select(p => $"{p.Command} {p.Id}").Order(), commands.Select(c => $"{Name(c)} {Title(c).Split(':')[0]}").Order());

        var connect = commands.Single(c => Title(c).StartsWith("db.connect: ", StringComparison.Ordinal));
        Assert.Contains("refused \\u001B[2J 50%0A\r\n::warning::pwned,x:y", Message(connect), StringComparison.Ordinal);
        // The hostile text is printed on a line of its own by the terminal output, while commands are stopped.
        Assert.Contains(result.Stdout.Split('\n'), l => l.StartsWith("::warning::pwned", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.StartsWith("::warning::pwned", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Stdout, c => char.IsControl(c) && c != '\n');
        Assert.DoesNotContain(result.Stderr.Split('\n'), l => l.TrimStart().StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_annotation_points_at_the_config_line_naming_its_schema()
    {
        var repo = Directory.CreateTempSubdirectory("actions-repo").FullName;
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        var config = Path.Combine(repo, "cargo-doctor.yml");
        await File.WriteAllTextAsync(config, """
            warehouse:
              endpoint: cargo-cluster.abc123xyz789.eu-west-1.redshift.amazonaws.com:5439/analytics
              schemas:
                - analytics.sales
                - 'analytics."Marketing EU"'
            """, TestContext.Current.CancellationToken);
        var facts = Path.Combine(SampleFactsTests.RepositoryRoot(), "samples", "sample-facts.json");

        var result = await CliProcess.RunAsync(
            ["report", "--facts", facts, "--config", config, "--out", Path.Combine(repo, "out"), "--format", "sarif"], Actions(Path.Combine(repo, "summary.md")));

        Assert.True(result.ExitCode == 1, result.ToString());
        var usage = CommandsRun(result.Stdout).Single(l => l.StartsWith("::error file=cargo-doctor.yml,line=", StringComparison.Ordinal) && Title(l).StartsWith("db.schema-usage:", StringComparison.Ordinal));
        Assert.StartsWith("::error file=cargo-doctor.yml,line=5,", usage, StringComparison.Ordinal);
        Assert.Contains("::error file=cargo-doctor.yml,line=2,title=net.ingress%3A", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task outside_github_actions_there_is_no_summary_and_no_workflow_command()
    {
        var path = await FactsFiles.WriteAsync(FactsFiles.Failing());
        var dir = Path.GetDirectoryName(path)!;
        var summary = Path.Combine(dir, "step-summary.md");

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", Path.Combine(dir, "out"), "--format", "json"],
            new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.False(File.Exists(summary));
        Assert.DoesNotContain(result.Stdout.Split('\n'), l => l.StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_run_that_ends_in_a_usage_error_leaves_commands_resumed_and_runs_none()
    {
        var result = await CliProcess.RunAsync(["report", "--facts", "/no/such/facts.json"], Actions(Path.Combine(Path.GetTempPath(), "unused-summary.md")));

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var token = Assert.Single(lines, l => l.StartsWith("::stop-commands::", StringComparison.Ordinal))["::stop-commands::".Length..];
        Assert.Equal($"::{token}::", lines[^1]);
        Assert.Empty(CommandsRun(result.Stdout));
    }

    [Fact]
    public void a_summary_over_the_step_limit_is_cut_at_a_line_with_a_note()
    {
        var line = new string('x', 99);
        var markdown = string.Join("\n", Enumerable.Repeat(line, 20_000));

        var cut = GitHubActionsOutput.Summary(markdown);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(cut) <= 1024 * 1024, $"{cut.Length} characters");
        Assert.Contains("report.md has the whole report", cut, StringComparison.Ordinal);
        Assert.All(cut.Split('\n').Where(l => l.StartsWith('x')), l => Assert.Equal(line, l));
        Assert.Equal("short\n", GitHubActionsOutput.Summary("short"));
    }

    /// <summary>
    /// The workflow commands the runner would run from this output: a line starting with "::" after
    /// leading spaces, except between ::stop-commands::TOKEN and ::TOKEN::
    /// (https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs). The stop and
    /// resume lines themselves are left out. No line while commands run may hold the legacy "##[".
    /// </summary>
    private static List<string> CommandsRun(string stdout)
    {
        var run = new List<string>();
        string? stopped = null;
        foreach (var line in stdout.Split('\n').Select(l => l.TrimStart()))
        {
            if (stopped is not null)
            {
                stopped = line == $"::{stopped}::" ? null : stopped;
            }
            else if (line.StartsWith("::stop-commands::", StringComparison.Ordinal))
            {
                stopped = line["::stop-commands::".Length..];
            }
            else
            {
                Assert.DoesNotContain("##[", line, StringComparison.Ordinal);
                if (line.StartsWith("::", StringComparison.Ordinal))
                {
                    run.Add(line);
                }
            }
        }

        return run;
    }

    private static Dictionary<string, string?> Actions(string summary) =>
        new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary, ["CI"] = "true" };

    private static string Name(string command) => command[2..command.IndexOfAny([' ', ':'], 2)];

    /// <summary>The title property, unescaped as the runner does (%25 last).</summary>
    private static string Title(string command)
    {
        var end = command.IndexOf("::", 2, StringComparison.Ordinal);
        var props = command[(command.IndexOf(' ', StringComparison.Ordinal) + 1)..end].Split(',');
        return Unescape(props.Single(p => p.StartsWith("title=", StringComparison.Ordinal))["title=".Length..]);
    }

    private static string Message(string command) => Unescape(command[(command.IndexOf("::", 2, StringComparison.Ordinal) + 2)..]);

    private static string Unescape(string text) => text
        .Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
        .Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal)
        .Replace("%25", "%", StringComparison.Ordinal);

    private static FactsSnapshot WithFailureMessage(FactsSnapshot facts, string message) => facts with
    {
        Warehouse = facts.Warehouse! with
        {
            Databases = [facts.Warehouse.Databases[0] with { Connection = new ConnectionFacts { Succeeded = false, FailureKind = "other", FailureMessage = message } }],
        },
    };
}
