using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Tests.Layout;

/// <summary>
/// The sample GitHub Actions workflow (issue 26) writes report.sarif, uploads it to code scanning with
/// the permission that needs, keeps the reports as artifacts, and anchors the SARIF to itself where the
/// README tells to copy it; the README's CI section shows the same steps.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SampleWorkflowTests
{
    private static readonly string Root = Reports.SampleFactsTests.RepositoryRoot();

    [Fact]
    public void the_sample_workflow_uploads_the_sarif_and_keeps_the_reports()
    {
        var text = File.ReadAllText(Path.Combine(Root, "samples", "github-actions", "cargo-doctor.yml"));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        Assert.Equal("write", Scalar(root, "permissions", "security-events"));
        var steps = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)root["jobs"]).Children.Single().Value)["steps"]).Children.Cast<YamlMappingNode>().ToList();
        var run = Scalar(steps.Single(s => Scalar(s, "name") == "Run cargo-doctor"), "run")!;
        Assert.Contains("--format md,html,json,junit,sarif", run, StringComparison.Ordinal);
        Assert.Contains("--sarif-anchor .github/workflows/cargo-doctor.yml", run, StringComparison.Ordinal);
        var upload = steps.Single(s => Scalar(s, "uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.Equal("cargo-doctor-report/report.sarif", Scalar(upload, "with", "sarif_file"));
        var artifacts = steps.Single(s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal("cargo-doctor-report/", Scalar(artifacts, "with", "path"));
        // cargo-doctor writes the job summary itself inside Actions: a second copy would double it.
        Assert.DoesNotContain("GITHUB_STEP_SUMMARY", text, StringComparison.Ordinal);
    }

    [Fact]
    public void the_readme_ci_section_shows_the_sarif_upload()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        Assert.Contains("uses: github/codeql-action/upload-sarif@v4", readme, StringComparison.Ordinal);
        Assert.Contains("sarif_file: cargo-doctor-report/report.sarif", readme, StringComparison.Ordinal);
        Assert.Contains("security-events: write", readme, StringComparison.Ordinal);
        Assert.Contains("uses: actions/upload-artifact@v4", readme, StringComparison.Ordinal);
    }

    private static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }
}
