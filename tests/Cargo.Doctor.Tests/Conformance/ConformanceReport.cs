using System.Text.Json;

namespace Cargo.Doctor.Tests.Conformance;

/// <summary>
/// What one run of <c>cargo-doctor check</c> on a case gave, compared with what the case's page says:
/// each expected check's status, a fix (or the reason there is none) for each failing check, and the
/// strings the case requires in <c>fix-aws.sh</c>.
/// </summary>
public static class ConformanceReport
{
    public static IReadOnlyList<string> Mismatches(ConformanceCase c, string outDir, string cliOutput)
    {
        var reportPath = Path.Combine(outDir, "report.json");
        if (!File.Exists(reportPath))
        {
            return [$"no report.json was written:\n{cliOutput}"];
        }

        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("checkId").GetString()!, f => f.Clone());
        var mismatches = new List<string>();
        foreach (var (checkId, allowed) in c.Expect)
        {
            if (!findings.TryGetValue(checkId, out var finding))
            {
                mismatches.Add($"{checkId}: no finding (expected {string.Join("|", allowed)})");
                continue;
            }

            var status = finding.GetProperty("status").GetString()!;
            if (!allowed.Contains(status))
            {
                mismatches.Add($"{checkId}: {status} ({finding.GetProperty("summary").GetString()}), expected {string.Join("|", allowed)}");
            }
        }

        // "A check that fails must also print its fix (in fix.sql or fix-aws.sh), or say why none is possible."
        foreach (var (checkId, finding) in findings.Where(f => f.Value.GetProperty("status").GetString() == "fail"))
        {
            if (finding.GetProperty("remediation").GetArrayLength() == 0)
            {
                mismatches.Add($"{checkId}: fails without a fix or a reason why none is possible");
            }
        }

        if (c.FixScriptMustContain.Count > 0)
        {
            var script = Path.Combine(outDir, "fix-aws.sh");
            var text = File.Exists(script) ? File.ReadAllText(script) : "";
            mismatches.AddRange(c.FixScriptMustContain
                .Where(s => !text.Contains(s, StringComparison.Ordinal))
                .Select(s => $"fix-aws.sh does not contain \"{s}\""));
        }

        return mismatches;
    }

    /// <summary>A case passes, or fails as <see cref="ExpectedFailures"/> says it still does.</summary>
    public static void AssertConforms(ConformanceCase c, IReadOnlyList<string> mismatches)
    {
        if (ExpectedFailures.Cases.TryGetValue(c.Id, out var waitsFor))
        {
            Assert.True(mismatches.Count > 0, $"{c.Id} passes now: remove it from ExpectedFailures (it waited for {waitsFor})");
            return;
        }

        Assert.True(mismatches.Count == 0,
            $"{c.Id} contradicts {c.Source}\n  \"{c.Quote}\"\n  " + string.Join("\n  ", mismatches));
    }
}
