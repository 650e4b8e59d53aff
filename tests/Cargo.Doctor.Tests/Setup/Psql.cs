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

    public static Task<Result> RunFileAsync(PostgresServer server, string database, string path) =>
        RunFileAsync(server.Host, server.Port, "disable", database, path);

    /// <summary>
    /// The file through the Redshift stand-in's SQL path (TLS, as the admin), as a customer runs it against
    /// Redshift; <paramref name="options"/> go to PGOPTIONS, e.g. a session setting the customer's cluster has.
    /// </summary>
    public static Task<Result> RunFileAsync(Fixtures.RedshiftStandIn.RedshiftStandIn standIn, string database, string path, string? options = null) =>
        RunFileAsync(standIn.Host, standIn.Port, "require", database, path, options);

    private static async Task<Result> RunFileAsync(string host, int port, string sslMode, string database, string path, string? options = null)
    {
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-X", "-q", "-h", host, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", PostgresServer.AdminUser, "-d", database, "-f", path })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = PostgresServer.AdminPassword;
        start.Environment["PGSSLMODE"] = sslMode;
        if (options is not null)
        {
            start.Environment["PGOPTIONS"] = options;
        }

        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
