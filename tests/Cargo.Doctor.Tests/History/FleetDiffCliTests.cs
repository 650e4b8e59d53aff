using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 27: `diff` of two fleet summaries matches targets by name, not by their place in the file.</summary>
[Trait("Category", "Cli")]
public sealed class FleetDiffCliTests
{
    private static string Summary(params (string Name, string TableGrants)[] targets) => $$"""
        { "fleetSchemaVersion": 1, "exitCode": 0, "checks": ["db.table-grants"],
          "targets": [{{string.Join(", ", targets.Select(t => $$"""{ "name": "{{t.Name}}", "reportFolder": "{{t.Name}}", "checks": { "db.table-grants": "{{t.TableGrants}}" } }"""))}}] }
        """;

    [Fact]
    public async Task targets_are_matched_by_name_and_new_or_removed_targets_are_listed()
    {
        var folder = Directory.CreateTempSubdirectory("fleet-diff").FullName;
        var (oldPath, newPath) = (Path.Combine(folder, "old.json"), Path.Combine(folder, "new.json"));
        await File.WriteAllTextAsync(oldPath, Summary(("eu-prod", "pass"), ("us-prod", "fail"), ("retired", "pass")), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(newPath, Summary(("us-prod", "pass"), ("eu-prod", "fail"), ("ap-prod", "pass")), TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["diff", oldPath, newPath], new Dictionary<string, string?> { ["CI"] = "true" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        string After(string header, int offset) => lines[lines.IndexOf(header) + offset];
        Assert.StartsWith("regressed     db.table-grants (pass → fail)", After("== target eu-prod", 1));
        Assert.StartsWith("fixed         db.table-grants (fail → pass)", After("== target us-prod", 1));
        Assert.Equal("new target (not in OLD)", After("== target ap-prod", 1));
        Assert.Equal("removed target (not in NEW)", After("== target retired", 1));
    }
}
