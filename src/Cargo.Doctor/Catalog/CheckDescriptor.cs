namespace Cargo.Doctor.Catalog;

/// <summary>
/// A check as the catalog declares it (like Roslyn's DiagnosticDescriptor): everything about it
/// except the logic. Loaded from <c>checks/&lt;id&gt;.md</c>.
/// </summary>
public sealed record CheckDescriptor
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required Severity Severity { get; init; }

    public required string Area { get; init; }

    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Position in reports: follows the setup guide's steps (dependencies still come first).</summary>
    public int Order { get; init; } = 1000;

    /// <summary>Markdown of the "Why it matters" section.</summary>
    public string Why { get; init; } = "";

    /// <summary>Markdown of the "How it is verified" section.</summary>
    public string HowVerified { get; init; } = "";

    public IReadOnlyDictionary<string, RemediationTemplate> Remediation { get; init; } =
        new Dictionary<string, RemediationTemplate>();

    /// <summary>The whole Markdown body, for <c>cargo-doctor explain</c>.</summary>
    public string Body { get; init; } = "";

    public required string SourceFile { get; init; }
}
