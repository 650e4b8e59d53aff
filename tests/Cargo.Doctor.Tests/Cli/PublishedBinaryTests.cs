using System.Diagnostics;
using System.Runtime.InteropServices;
using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// The single-file binary (self-contained, ReadyToRun: the release download, issue 11) is published
/// from a copy of the sources and run once, as a user would run it. Slow: one `dotnet publish`.
/// </summary>
[Trait("Category", "Cli")]
public sealed class PublishedBinaryTests
{
    [Fact]
    public async Task single_file_binary_prints_its_version_and_replays_the_sample()
    {
        var root = SampleFactsTests.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("cargo-doctor-publish-").FullName;
        try
        {
            var output = Path.Combine(work, "out");
            var project = CopySources(root, Path.Combine(work, "repo"));
            var publish = await RunAsync("dotnet", ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                "--self-contained", "true", "-p:PublishSingleFile=true", "-o", output, "--nologo"], TimeSpan.FromMinutes(20));
            Assert.True(publish.ExitCode == 0, publish.ToString());

            // One executable (no cargo-doctor.dll beside it) and the catalog next to it.
            var exe = Path.Combine(output, "cargo-doctor");
            Assert.True(File.Exists(exe), publish.ToString());
            Assert.False(File.Exists(Path.Combine(output, "cargo-doctor.dll")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "checks"), "*.md"));

            var version = await RunAsync(exe, ["--version"], TimeSpan.FromMinutes(2));
            Assert.Equal(0, version.ExitCode);
            Assert.Equal(ToolVersion.Current, version.Stdout.Trim());

            var reports = Path.Combine(work, "reports");
            var report = await RunAsync(exe, ["report", "--facts", Path.Combine(root, "samples", "sample-facts.json"), "--out", reports],
                TimeSpan.FromMinutes(2));

            // The sample is a partly broken setup: a failed check is exit code 1, and the report says which.
            Assert.True(report.ExitCode == 1, report.ToString());
            Assert.Contains("db.schema-usage", report.Stdout);
            Assert.Contains("db.schema-usage", await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The sources a publish needs, without bin/obj, so this publish never shares output with the test build.</summary>
    private static string CopySources(string root, string target)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(root, file), Path.Combine(target, file));
        }

        foreach (var folder in new[] { "src", "checks" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                var copy = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }

        return Path.Combine(target, "src", "Cargo.Doctor.Cli", "Cargo.Doctor.Cli.csproj");
    }

    private static async Task<CliProcess.Result> RunAsync(string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would point a nested `dotnet publish` at the test's own build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var name in new[] { "CARGO_DOCTOR_PASSWORD", "PGPASSWORD", "CI" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {timeout}");
        }

        return new CliProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
