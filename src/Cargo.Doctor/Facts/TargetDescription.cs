namespace Cargo.Doctor.Facts;

/// <summary>What was checked, without any secret: shown in every report header.</summary>
public sealed record TargetDescription
{
    public string? Host { get; init; }

    public int? Port { get; init; }

    public IReadOnlyList<string> Databases { get; init; } = [];

    /// <summary>Configured schemas as <c>database.schema</c> (with <c>:read</c> for read-only ones).</summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];

    public string? User { get; init; }

    /// <summary>The login used to inspect, when it is not the Cargo user itself.</summary>
    public string? LoginUser { get; init; }

    public string? SslMode { get; init; }

    public string? FunctionRole { get; init; }

    public string? Region { get; init; }

    public string? ClusterIdentifier { get; init; }

    public string? Workgroup { get; init; }
}
