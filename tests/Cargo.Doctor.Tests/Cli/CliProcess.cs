using System.Diagnostics;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// Runs the built CLI (<c>dotnet cargo-doctor.dll</c> from the test output folder) as a child process
/// with every stream redirected, as a CI job would. Password variables are cleared unless given.
/// </summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        using var process = Start(args, env);
        return await WaitAsync(process, args);
    }

    /// <summary>Starts the CLI without waiting, e.g. to signal it by pid; finish with <see cref="WaitAsync"/>.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        var process = Process.Start(StartInfo(args, env))!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>How <see cref="Start"/> starts the CLI, for a test that wraps the command (e.g. in `env`).</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        // SIGINT back to its default first, as a user's shell gives it: a test host started in the
        // background inherits SIGINT ignored, exec keeps "ignored", and .NET then installs no SIGINT
        // handler at all (see SignalTests), so a Ctrl+C test would hang. `env --default-signal` is GNU
        // coreutils 8.31 or later.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cargo-doctor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "CARGO_DOCTOR_PASSWORD", "PGPASSWORD", "CI", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in env ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static async Task<Result> WaitAsync(Process process, IEnumerable<string> args)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cargo-doctor {string.Join(' ', args)} did not finish in 90 s (waiting for a prompt?)");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
