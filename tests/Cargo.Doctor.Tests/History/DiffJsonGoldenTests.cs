using Cargo.Doctor.Findings;
using Cargo.Doctor.History;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.History;

/// <summary>
/// Issue 11 (JSON without reflection): diff.json stays the same bytes, with every kind of change,
/// absent statuses (written as "absent") and detail lines that need escaping.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DiffJsonGoldenTests
{
    [Fact]
    public void diff_json_is_byte_for_byte_the_pinned_file()
    {
        var old = new RunFindings("old/report.json",
        [
            new RunFinding("db.connect", "Cargo can connect", CheckStatus.Pass, []),
            new RunFinding("db.schema-usage", "USAGE on each schema", CheckStatus.Fail, ["schema \"Marketing EU\": missing USAGE", "schema <b>ü</b>: missing"]),
            new RunFinding("db.table-grants", "Table grants", CheckStatus.Warn, []),
            new RunFinding("net.ingress", "Ingress", CheckStatus.Unknown, ["could not read"]),
            new RunFinding("iam.removed", "Gone", CheckStatus.Pass, []),
            new RunFinding("db.future-grants", "Future grants", CheckStatus.Pass, []),
        ]);
        var @new = new RunFindings("new/facts.json",
        [
            new RunFinding("db.connect", "Cargo can connect", CheckStatus.Fail, ["refused 'q'"]),
            new RunFinding("db.schema-usage", "USAGE on each schema", CheckStatus.Fail, ["schema <b>ü</b>: missing"]),
            new RunFinding("db.table-grants", "Table grants", CheckStatus.Pass, []),
            new RunFinding("net.ingress", "Ingress", CheckStatus.Fail, ["1 of 1 Cargo IP(s) cannot reach"]),
            new RunFinding("iam.added", "New check", CheckStatus.Skipped, []),
            new RunFinding("db.future-grants", "Future grants", CheckStatus.Unknown, []),
            new RunFinding("db.connect-2", "Same", CheckStatus.Pass, []),
        ]);

        var json = DiffJsonRenderer.Render(RunDiff.Compare(old, @new));

        GoldenFile.AssertMatches("tests/Cargo.Doctor.Tests/History/Golden/diff.json", json.Replace($"\"version\": \"{ToolVersion.Current}\"", "\"version\": \"(current)\"", StringComparison.Ordinal));
    }
}
