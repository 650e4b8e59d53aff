using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Setup;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Setup;

/// <summary><c>cargo-doctor setup</c> as a customer runs it: what it writes, what it refuses, what it never does.</summary>
[Trait("Category", "Cli")]
public sealed class SetupCommandTests
{
    private static readonly string[] Names = ["--database", "dev", "--schema", "dev.sales", "--cargo-role-arn", "arn:aws:iam::210987654321:role/cargo-data-loader"];

    [Fact]
    public async Task help_describes_the_command_and_its_own_flag()
    {
        var help = await CliProcess.RunAsync(["setup", "--help"]);

        Assert.Equal(0, help.ExitCode);
        foreach (var text in new[] { "setup.sql", "setup-aws.sh", "setup.md", "without connecting", "--customer-role-name", "--schema", "--cargo-ip", "--workgroup" })
        {
            Assert.Contains(text, help.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task with_an_endpoint_it_connects_nowhere_and_points_to_check_for_an_existing_warehouse()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var setup = await SetupCli.RunAsync([.. Names, "--endpoint", $"127.0.0.1:{port}/dev"]);

        Assert.False(listener.Pending(), "setup opened a connection to the warehouse endpoint");
        Assert.Contains("`cargo-doctor check` writes fix.sql and fix-aws.sh", setup.Process.Stderr, StringComparison.Ordinal);
        Assert.Single(setup.Process.Stderr.Split('\n'), l => l.Contains("fix.sql", StringComparison.Ordinal));
        Assert.Contains("\\connect \"dev\"", setup.Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--customer-role-name", "role with spaces", "--customer-role-name 'role with spaces': an IAM role name is")]
    [InlineData("--customer-role-name", "cargo-role\n", "--customer-role-name 'cargo-role ': an IAM role name is")]
    [InlineData("--customer-role-name", "a-role-name-of-sixty-five-characters-is-one-too-long-for-iam-xxxxx", "an IAM role name is 1 to 64")]
    [InlineData("--user", "public", "--user 'public' means PUBLIC (every user)")]
    [InlineData("--user", "\"PUBLIC\"", "--user '\"PUBLIC\"' means PUBLIC (every user)")]
    [InlineData("--function-role", "Public", "--function-role 'Public' means PUBLIC (every user)")]
    [InlineData("--login-user", "pUbLiC", "--login-user 'pUbLiC' means PUBLIC (every user)")]
    [InlineData("--cluster", "it's $(touch pwned)", "--cluster 'it's $(touch pwned)' is not a Redshift cluster identifier")]
    [InlineData("--cluster", "c1", "pass --region for the AWS checks")]
    public async Task bad_input_is_one_line_and_exit_code_2(string flag, string value, string expected)
    {
        var run = await CliProcess.RunAsync(["setup", "--out", Path.Combine(Path.GetTempPath(), $"setup-bad-{Guid.NewGuid():N}"), .. Names, flag, value]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task without_a_database_it_says_which_flag_to_pass()
    {
        var run = await CliProcess.RunAsync(["setup", "--out", Path.Combine(Path.GetTempPath(), $"setup-nodb-{Guid.NewGuid():N}")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("setup needs a database: pass --database NAME or --schema DB.SCHEMA", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task hostile_names_are_quoted_in_every_file()
    {
        // A hostile cluster identifier is refused before anything is written (bad_input_is_one_line_and_exit_code_2).
        const string Cluster = "cargo-cluster";
        const string User = "cargo \"user\" 'x' <script>alert(1)</script>";
        var setup = await SetupCli.RunAsync("--schema", "\"d'b \"\"ü\"\"\".\"Sales <script>\"", "--user", User, "--region", "eu-west-1", "--cluster", Cluster,
            "--cargo-ip", "3.248.0.10", "--cargo-role-arn", "arn:aws:iam::210987654321:role/cargo-data-loader");

        Assert.Contains("GRANT USAGE ON SCHEMA \"Sales <script>\" TO \"cargo \"\"user\"\" 'x' <script>alert(1)</script>\";", setup.Sql, StringComparison.Ordinal);
        Assert.Contains("\\connect \"d'b \"\"ü\"\"\"", setup.Sql, StringComparison.Ordinal);
        Assert.Contains("--cluster-identifier 'cargo-cluster'", setup.Script, StringComparison.Ordinal);
        var syntax = await BashAsync("-n", setup.ScriptPath);
        Assert.True(syntax.ExitCode == 0, syntax.Stderr);

        // Prose is escaped Markdown; names appear raw only inside code fences.
        Assert.DoesNotContain("<script>", OutsideCodeFences(setup.Checklist), StringComparison.Ordinal);
        Assert.Contains("Sales \\<script\\>", setup.Checklist, StringComparison.Ordinal);
    }

    [Fact]
    public async Task reads_the_same_config_file_as_check_and_flags_override_it()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("setup-config").FullName, "cargo.yaml");
        await File.WriteAllTextAsync(config, """
            warehouse:
              schemas: [dev.sales, "analytics.ref:read"]
              user: cargo_from_file
              functionRole: role_from_file
            aws:
              region: eu-west-1
              workgroup: wg-from-file
              roleArn: arn:aws:iam::111122223333:role/cargo-access
            cargo:
              ip: [203.0.113.7]
              roleArn: arn:aws:iam::999999999999:role/cargo
            """, TestContext.Current.CancellationToken);

        var setup = await SetupCli.RunAsync("--config", config, "--user", "cargo_from_flag");

        Assert.Contains("GRANT SELECT ON ALL TABLES IN SCHEMA \"ref\" TO \"cargo_from_flag\";", setup.Sql, StringComparison.Ordinal);
        Assert.Contains("\\connect \"analytics\"", setup.Sql, StringComparison.Ordinal);
        Assert.Contains("CREATE ROLE \"role_from_file\";", setup.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("cargo_from_file", setup.Sql, StringComparison.Ordinal);
        Assert.Contains("--role-name 'cargo-access'", setup.Script, StringComparison.Ordinal);
        Assert.Contains("--workgroup-name 'wg-from-file'", setup.Script, StringComparison.Ordinal);
        Assert.Contains("--cidr '203.0.113.7/32'", setup.Script, StringComparison.Ordinal);
        Assert.Contains("\"Resource\": \"arn:aws:iam::999999999999:role/cargo\"", setup.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void the_inline_policy_has_the_name_the_check_fix_writes()
    {
        Assert.Equal(AssumeCargoRoleRule.PolicyName, SetupAwsScriptWriter.PolicyName);
    }

    private static string OutsideCodeFences(string markdown)
    {
        var inFence = false;
        var prose = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence)
            {
                prose.Add(line);
            }
        }

        return string.Join("\n", prose);
    }

    private static async Task<(int ExitCode, string Stderr)> BashAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stderr);
    }
}
