using System.Diagnostics;

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>Runs the built cargo-doctor as a child process, as a customer or a CI job would.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cargo-doctor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A clean, non-interactive environment: no inherited password, CI mode.
        start.Environment.Remove("CARGO_DOCTOR_PASSWORD");
        start.Environment.Remove("PGPASSWORD");
        start.Environment["CI"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
