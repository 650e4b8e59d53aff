using System.Diagnostics;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Runs the CLI under <c>strace -f -e trace=connect</c> and lists every IPv4/IPv6 connect() it or any
/// thread or child made: a connection attempt to any host and port (a DNS lookup included, which
/// connects to the resolver), not only to one test listener. Proves "before connecting" for inputs
/// whose endpoint points anywhere.
/// </summary>
public static class NetworkTrace
{
    public sealed record Outcome(CliProcess.Result Result, IReadOnlyList<string> InetConnects);

    public static async Task<Outcome> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> env)
    {
        var trace = Path.Combine(Directory.CreateTempSubdirectory("cargo-doctor-trace-").FullName, "connect.trace");
        var inner = CliProcess.StartInfo(args, env);
        var start = new ProcessStartInfo("strace")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = inner.WorkingDirectory,
        };
        foreach (var arg in new[] { "-f", "-qq", "-e", "trace=connect", "-o", trace, inner.FileName })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in inner.ArgumentList)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in inner.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var result = await CliProcess.WaitAsync(process, args);

        // Only internet-family sockets: the runtime's own Unix-domain sockets are no network connection.
        var connects = File.ReadAllLines(trace)
            .Where(line => line.Contains(" connect(", StringComparison.Ordinal)
                && (line.Contains("sa_family=AF_INET,", StringComparison.Ordinal) || line.Contains("sa_family=AF_INET6,", StringComparison.Ordinal)))
            .ToList();
        Assert.True(File.Exists(trace), "strace wrote no trace");
        return new Outcome(result, connects);
    }
}
