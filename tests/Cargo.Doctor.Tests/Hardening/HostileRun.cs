using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>Runs one <see cref="HostileInput"/> row as `cargo-doctor check` in a child process.</summary>
public static class HostileRun
{
    /// <param name="Connections">Connections the loopback listener ({endpoint}) accepted.</param>
    /// <param name="InetConnects">Every IPv4/IPv6 connect() the run attempted, to any address (see <see cref="NetworkTrace"/>).</param>
    public sealed record Outcome(CliProcess.Result Result, string Expected, int Connections, string OutDir, IReadOnlyList<string> InetConnects);

    public static async Task<Outcome> RunAsync(HostileInput input, params string[] extra)
    {
        await using var listener = new LoopbackListener();
        var work = Directory.CreateTempSubdirectory("cargo-doctor-hostile-").FullName;
        var outDir = Path.Combine(work, "out");
        Directory.CreateDirectory(outDir);
        var file = Path.Combine(work, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");
        var config = Path.Combine(work, "doctor.yml");
        string Fill(string text) => text
            .Replace("{endpoint}", listener.Endpoint, StringComparison.Ordinal)
            .Replace("{out}", outDir, StringComparison.Ordinal)
            .Replace("{file}", file, StringComparison.Ordinal)
            .Replace("{config}", config, StringComparison.Ordinal)
            .Replace("{secret}", HostileInputs.Secret, StringComparison.Ordinal);
        if (input.ConfigYaml is not null)
        {
            await File.WriteAllTextAsync(config, Fill(input.ConfigYaml));
        }

        // --out defaults to a fresh folder so that no row writes into the working directory.
        var args = input.Args.Select(Fill).ToList();
        if (!args.Contains("--out"))
        {
            args.AddRange(["--out", outDir]);
        }

        var traced = await NetworkTrace.RunAsync(["check", .. args, .. extra],
            new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = HostileInputs.Secret, ["CI"] = "true" });
        return new Outcome(traced.Result, Fill(input.Expected), listener.Accepted, outDir, traced.InetConnects);
    }
}
