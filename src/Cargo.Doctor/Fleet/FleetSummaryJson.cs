using System.Globalization;
using System.Text;
using System.Text.Json;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Fleet;

/// <summary>
/// fleet-summary.json: the target x check matrix for machines, with each target's report folder.
/// Written field by field (no reflection: the tool is published Native AOT).
/// </summary>
public static class FleetSummaryJson
{
    public const int SchemaVersion = 1;

    public const string FileName = FleetSummary.BaseName + ".json";

    /// <summary>The root property that tells a fleet summary from a report.json.</summary>
    public const string Marker = "fleetSchemaVersion";

    public static string Render(FleetSummary summary)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber(Marker, SchemaVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", "cargo-doctor");
            json.WriteString("version", ToolVersion.Current);
            json.WriteEndObject();
            json.WriteString("generatedAt", summary.GeneratedAt.ToString("o", CultureInfo.InvariantCulture));
            json.WriteNumber("exitCode", summary.ExitCode);
            json.WriteString("stopped", summary.Stopped?.Why);
            json.WriteStartArray("checks");
            foreach (var id in summary.CheckIds)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteStartArray("targets");
            foreach (var target in summary.Targets)
            {
                json.WriteStartObject();
                json.WriteString("name", target.Name);
                json.WriteString("outcome", target.Outcome);
                json.WriteNumber("exitCode", target.ExitCode);
                json.WriteString("reportFolder", target.ReportFolder);
                json.WriteString("report", FleetSummary.MainReport(target));
                json.WriteString("error", target.Error);
                json.WriteNumber("seconds", Math.Round(target.Duration.TotalSeconds, 2));
                json.WriteStartObject("checks");
                foreach (var id in summary.CheckIds)
                {
                    json.WriteString(id, summary.Status(target, id) is { } status ? CheckStatusWords.Word(status) : null);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
