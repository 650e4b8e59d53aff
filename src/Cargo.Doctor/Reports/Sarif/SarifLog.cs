using System.Text.Json.Serialization;

namespace Cargo.Doctor.Reports.Sarif;

/// <summary>
/// The subset of the SARIF 2.1.0 object model report.sarif uses
/// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), with the properties GitHub code
/// scanning reads (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
/// </summary>
public sealed record SarifLog
{
    /// <summary>The OASIS standard's schema, as the SARIF validator's SARIF2008 asks.</summary>
    [JsonPropertyName("$schema")]
    public string Schema { get; init; } = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public string Version { get; init; } = "2.1.0";

    public required IReadOnlyList<SarifRun> Runs { get; init; }
}

public sealed record SarifRun(SarifTool Tool, IReadOnlyList<SarifInvocation> Invocations, IReadOnlyList<SarifResult> Results);

public sealed record SarifTool(SarifDriver Driver);

public sealed record SarifDriver(string Name, string Version, IReadOnlyList<SarifRule> Rules);

/// <summary>A reportingDescriptor: one per check.</summary>
public sealed record SarifRule(
    string Id,
    string Name,
    SarifText ShortDescription,
    SarifText FullDescription,
    SarifMarkdown Help,
    SarifConfiguration DefaultConfiguration,
    SarifRuleProperties Properties);

public sealed record SarifText(string Text);

public sealed record SarifMarkdown(string Text, string Markdown);

public sealed record SarifConfiguration(string Level);

public sealed record SarifRuleProperties(IReadOnlyList<string> Tags);

/// <summary>The run's one invocation; its notifications carry what a reader of the log must know (no file location).</summary>
public sealed record SarifInvocation(bool ExecutionSuccessful, IReadOnlyList<SarifNotification>? ToolExecutionNotifications);

public sealed record SarifNotification(SarifText Message, string Level);

public sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifText Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints,
    IReadOnlyDictionary<string, string> Fingerprints);

public sealed record SarifLocation(SarifPhysicalLocation? PhysicalLocation, IReadOnlyList<SarifLogicalLocation> LogicalLocations);

public sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

public sealed record SarifArtifactLocation(string Uri);

public sealed record SarifRegion(int StartLine, int StartColumn, int EndLine, int EndColumn);

public sealed record SarifLogicalLocation(string Name, string FullyQualifiedName, string Kind);
