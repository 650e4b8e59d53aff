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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cargo-doctor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "CARGO_DOCTOR_PASSWORD", "PGPASSWORD", "CI", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in env ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
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
