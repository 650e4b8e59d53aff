using System.Text.Json;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Files;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules;

namespace Cargo.Doctor.History;

/// <summary>
/// Reads one side of a diff: a report.json as written, or a facts file evaluated with the current
/// catalog. Anything else is a <see cref="FormatException"/> with a one-line reason naming the file.
/// </summary>
public static class RunFileReader
{
    public static RunFindings Read(string path, CheckCatalog catalog)
    {
        string json;
        try
        {
            json = BoundedRead.FileText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new FormatException(e is FileNotFoundException or DirectoryNotFoundException ? $"{path}: file not found" : $"{path}: cannot be read: {e.Message}");
        }

        try
        {
            JsonTextCheck.Check(json);
            return Parse(json, path, catalog);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not JSON ({JsonProblem.Describe(e)})");
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}");
        }
    }

    private static RunFindings Parse(string json, string path, CheckCatalog catalog)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a cargo-doctor report.json or facts file: it is not a JSON object");
        }

        if (root.TryGetProperty("findings", out _))
        {
            return ReadReport(root, path);
        }

        if (root.TryGetProperty("toolVersion", out _) || root.TryGetProperty("warehouse", out _) || root.TryGetProperty("aws", out _))
        {
            // FactsJson checks the facts file's own schemaVersion.
            var facts = FactsJson.Deserialize(json);
            var findings = new CheckRunner(catalog, RuleSet.All).Run(facts);
            return new RunFindings(path, findings.Select(f => new RunFinding(f.CheckId, catalog[f.CheckId].Title, f.Status, f.Details) { Items = FindingItemIdentity.Keys(f) }).ToList())
            {
                Target = TargetIdentity.Of(facts),
                Redacted = facts.Redacted,
            };
        }

        throw new FormatException("not a cargo-doctor report.json or facts file: it has neither findings nor gathered facts");
    }

    private static RunFindings ReadReport(JsonElement root, string path)
    {
        var version = root.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : (int?)null;
        if (version is null)
        {
            throw new FormatException($"the report has no whole-number schemaVersion; this tool reads report.json versions 1 to {JsonReportRenderer.SchemaVersion}");
        }

        if (version < 1 || version > JsonReportRenderer.SchemaVersion)
        {
            throw new FormatException($"the report has schema version {version}; this tool reads report.json versions 1 to {JsonReportRenderer.SchemaVersion} (a newer cargo-doctor wrote it?)");
        }

        if (root.GetProperty("findings").ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("findings is not a list");
        }

        var findings = new List<RunFinding>();
        var index = 0;
        foreach (var item in root.GetProperty("findings").EnumerateArray())
        {
            findings.Add(ReadFinding(item, index++));
        }

        return new RunFindings(path, findings)
        {
            // Version 1 had no item keys: its detail lines are compared as they are.
            LineByLine = version < 2,
            Target = ReportTarget.Read(root),
            Redacted = root.TryGetProperty("redacted", out var r) && r.ValueKind == JsonValueKind.True,
        };
    }

    private static RunFinding ReadFinding(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"findings[{index}] is not an object");
        }

        var id = Text(item, "checkId", index);
        var word = Text(item, "status", index);
        var status = Enum.GetValues<CheckStatus>().Cast<CheckStatus?>().FirstOrDefault(s => StatusMark.Word(s!.Value) == word)
            ?? throw new FormatException($"findings[{index}].status '{DisplayText.Escape(word)}' is not one of pass, skipped, unknown, warn, fail");
        var title = item.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : id;
        var details = new List<string>();
        if (item.TryGetProperty("details", out var d))
        {
            if (d.ValueKind != JsonValueKind.Array || d.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            {
                throw new FormatException($"findings[{index}].details is not a list of text lines");
            }

            details.AddRange(d.EnumerateArray().Select(x => x.GetString()!));
        }

        var finding = new RunFinding(id, title, status, details);
        if (item.TryGetProperty("itemKeys", out var k))
        {
            if (k.ValueKind != JsonValueKind.Array || k.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String) || k.GetArrayLength() != details.Count)
            {
                throw new FormatException($"findings[{index}].itemKeys is not a list of text keys, one per detail line");
            }

            finding = finding with { Items = k.EnumerateArray().Select(x => ItemKey.Parse(x.GetString()!)).ToList() };
        }

        return finding;
    }

    private static string Text(JsonElement item, string name, int index) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"findings[{index}] has no {name}");
}
