using Cargo.Doctor.Catalog;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>The fix-aws.sh a check writes, as a file in a test's folder, and run with the real aws CLI against the fake.</summary>
public static class FixAwsScriptFile
{
    /// <summary>Writes the fix-aws.sh of <paramref name="result"/>'s findings into <paramref name="folder"/>; returns its path.</summary>
    public static async Task<string> WriteAsync(CheckResult result, string folder)
    {
        var renderer = new FixAwsScriptRenderer();
        var path = Path.Combine(folder, renderer.FileName);
        var report = Report.Create(result.Facts, CatalogLoader.LoadDefault(), result.Findings, TimeSpan.Zero);
        await File.WriteAllTextAsync(path, renderer.Render(report), TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>Writes and runs the script; the result carries its exit code and output.</summary>
    public static async Task<AwsCliScript.Result> RunAsync(CheckResult result, string folder, FakeAwsEndpoint fake) =>
        await AwsCliScript.RunAsync(await WriteAsync(result, folder), fake);

    /// <summary>Writes and runs the script, and asserts it succeeded with every request correctly signed.</summary>
    public static async Task RunToSuccessAsync(CheckResult result, string folder, FakeAwsEndpoint fake)
    {
        var run = await RunAsync(result, folder, fake);
        Assert.True(run.ExitCode == 0, run + "\n--- fix-aws.sh\n" + await File.ReadAllTextAsync(Path.Combine(folder, new FixAwsScriptRenderer().FileName), TestContext.Current.CancellationToken));
        Assert.Empty(fake.SigningProblems);
    }
}
