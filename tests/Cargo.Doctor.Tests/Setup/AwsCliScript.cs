using System.Diagnostics;
using Cargo.Doctor.Tests.Aws;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// Runs setup-aws.sh with bash and the real <c>aws</c> CLI against a loopback <see cref="FakeAwsEndpoint"/>.
/// The script finds, first on its PATH, a wrapper that calls the real CLI with <c>--endpoint-url</c> set
/// to the fake: every version honours that flag (AWS_ENDPOINT_URL, also set, only from CLI 1.29/2.13),
/// so no call leaves the loopback. Credentials are the fake's; no config file, profile or instance
/// metadata is read. IAM has no region flag in the script, so the
/// default region is the one IAM is signed for in the aws partition.
/// </summary>
public static class AwsCliScript
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>Debian's awscli (CLI v2 on Debian 12 and later), where installed.</summary>
    public const string DebianAws = "/usr/bin/aws";

    /// <summary>The aws first on PATH (here often a v1 from pyenv).</summary>
    public static string? FirstOnPath => Environment.GetEnvironmentVariable("PATH")!.Split(':')
        .Select(dir => Path.Combine(dir, "aws"))
        .FirstOrDefault(File.Exists);

    /// <summary>Every distinct aws CLI on this machine: Debian's first, then the one first on PATH when it is another.</summary>
    public static IReadOnlyList<string> Installed
    {
        get
        {
            var found = new[] { File.Exists(DebianAws) ? DebianAws : null, FirstOnPath }.OfType<string>()
                .DistinctBy(path => Path.GetFullPath(path)).ToList();
            return found.Count > 0 ? found : throw new InvalidOperationException("the aws CLI is not installed: scripts/test.sh installs it (Debian package awscli)");
        }
    }

    /// <summary>Runs the script; <paramref name="realAws"/> is the CLI to use (the first on PATH when null).</summary>
    public static async Task<Result> RunAsync(string scriptPath, FakeAwsEndpoint fake, string? realAws = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("setup-aws.sh is a bash script");
        }

        realAws ??= FirstOnPath
            ?? throw new InvalidOperationException("the aws CLI is not installed: scripts/test.sh installs it (Debian package awscli)");
        var shimDir = Directory.CreateTempSubdirectory("aws-shim").FullName;
        var shim = Path.Combine(shimDir, "aws");
        await File.WriteAllTextAsync(shim, $"#!/usr/bin/env bash\nexec {Quoting.ShellQuote.Arg(realAws)} --endpoint-url {Quoting.ShellQuote.Arg(fake.Url.ToString().TrimEnd('/'))} \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(scriptPath);
        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["PATH"] = shimDir + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["AWS_PAGER"] = "";
        start.Environment["AWS_ENDPOINT_URL"] = fake.Url.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.SecretKey;
        start.Environment["AWS_DEFAULT_REGION"] = fake.IamSigningRegion;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
