using System.Diagnostics;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// The real psql client running a script file as the admin of the test server, as the setup.sql
/// header tells a customer to (no ON_ERROR_STOP: psql reports a failed statement and goes on).
/// </summary>
public static class Psql
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>psql's "psql:FILE:LINE: ERROR:  message" lines, message only.</summary>
        public IReadOnlyList<string> Errors => Stderr.Split('\n')
            .Select(l => l.IndexOf("ERROR:", StringComparison.Ordinal) is var i and >= 0 ? l[(i + "ERROR:".Length)..].Trim() : null)
            .OfType<string>().ToList();

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static async Task<Result> RunFileAsync(PostgresServer server, string database, string path)
    {
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-X", "-q", "-h", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", PostgresServer.AdminUser, "-d", database, "-f", path })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = PostgresServer.AdminPassword;
        start.Environment["PGSSLMODE"] = "disable";
        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
