namespace Cargo.Doctor.Facts;

/// <summary>
/// Everything the sources learned in one run. Rules read only this; it serialises to the facts file
/// (never with a secret in it) so a run can be replayed offline with <c>cargo-doctor report --facts</c>.
/// </summary>
public sealed record FactsSnapshot
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string ToolVersion { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TargetDescription Target { get; init; }

    /// <summary>Null when the warehouse was not examined (e.g. only AWS evidence was given).</summary>
    public WarehouseFacts? Warehouse { get; init; }

    /// <summary>Null when no AWS settings were given.</summary>
    public AwsFacts? Aws { get; init; }

    /// <summary>Null when no warehouse was examined; otherwise each probe ran or says why it was skipped.</summary>
    public ProbeFacts? Probes { get; init; }

    /// <summary>Cargo's half of the chain (<c>cargo-doctor vendor</c>); null in a customer's run.</summary>
    public VendorFacts? Vendor { get; init; }

    /// <summary>Notes about the run itself (leftovers cleaned, probes disabled, ...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when names, hosts, account ids and IPs were replaced by tokens.</summary>
    public bool Redacted { get; init; }
}
