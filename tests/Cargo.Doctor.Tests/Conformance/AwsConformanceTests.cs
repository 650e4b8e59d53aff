using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Conformance;

/// <summary>
/// Every AWS case of <c>../shared/conformance/aws/</c>: <c>cargo-doctor check --aws-evidence</c> on the
/// case's folder (AWS CLI v2 output written for the case) with the case's flags, as a customer runs it.
/// </summary>
[Trait("Category", "Cli")]
public sealed class AwsConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceCases.AwsIds), MemberType = typeof(ConformanceCases))]
    public async Task aws_case_gives_the_documented_verdicts(string id)
    {
        var c = ConformanceCases.Aws().Single(x => x.Id == id);
        var outDir = Directory.CreateTempSubdirectory("cargo-doctor-conformance-").FullName;
        try
        {
            var result = await CliProcess.RunAsync(
                ["check", "--aws-evidence", c.Folder, .. c.Run, "--out", outDir, "--format", "md,json"]);

            ConformanceReport.AssertConforms(c, ConformanceReport.Mismatches(c, outDir, result.ToString()));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
