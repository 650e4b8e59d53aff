using System.Text.Json;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Files;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Fleet;

namespace Cargo.Doctor.History;

/// <summary>
/// A fleet-summary.json read back for <c>diff</c>: each target's run, from its report.json when the
/// summary's folder still holds it (details and items), else from the summary's matrix (statuses only).
/// </summary>
public static class FleetSummaryFile
{
    /// <summary>Whether the file is a fleet summary (its root names the fleet schema), not a report or facts file.</summary>
    public static bool Is(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(BoundedRead.FileText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(FleetSummaryJson.Marker, out _);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Target name to run, in the summary's order.</summary>
    public static IReadOnlyList<(string Name, RunFindings Run)> Read(string path, CheckCatalog catalog)
    {
        try
        {
            using var document = JsonDocument.Parse(BoundedRead.FileText(path));
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var targets = new List<(string, RunFindings)>();
            foreach (var target in document.RootElement.GetProperty("targets").EnumerateArray())
            {
                var name = target.GetProperty("name").GetString() ?? throw new FormatException("a target without a name");
                var report = Path.Combine(folder, target.GetProperty("reportFolder").GetString() ?? name, "report.json");
                targets.Add((name, File.Exists(report) ? RunFileReader.Read(report, catalog) : Matrix($"{path} ({name})", target, catalog)));
            }

            return targets;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a fleet summary this cargo-doctor can read ({e.GetType().Name})");
        }
    }

    private static RunFindings Matrix(string source, JsonElement target, CheckCatalog catalog)
    {
        var findings = new List<RunFinding>();
        foreach (var check in target.GetProperty("checks").EnumerateObject())
        {
            if (check.Value.GetString() is { } word && Enum.GetValues<CheckStatus>().Where(s => CheckStatusWords.Word(s) == word).Cast<CheckStatus?>().FirstOrDefault() is { } status)
            {
                var title = catalog.Checks.FirstOrDefault(c => c.Id == check.Name)?.Title ?? check.Name;
                findings.Add(new RunFinding(check.Name, title, status, []));
            }
        }

        return new RunFindings(source, findings);
    }
}
