using System.Globalization;

namespace Cargo.Doctor.Facts;

/// <summary>
/// Which warehouse a run looked at, for telling whether a baseline or a diff compares the same one:
/// account, region and cluster or workgroup when known (from AWS, else from the flags), else host and
/// port. Never the database or schema lists: those legitimately change between runs.
/// </summary>
public sealed record TargetIdentity
{
    public string? Account { get; init; }

    public string? Region { get; init; }

    /// <summary><c>cluster</c> or <c>workgroup</c>, with <see cref="Name"/>.</summary>
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public static TargetIdentity Of(FactsSnapshot facts)
    {
        var target = facts.Target;
        var aws = facts.Aws;
        var (kind, name) = aws?.Target is { } t ? (t.Kind, t.Identifier)
            : target.Workgroup is { } w ? ("workgroup", w)
            : target.ClusterIdentifier is { } c ? ("cluster", c)
            : ((string?)null, (string?)null);
        return new TargetIdentity
        {
            Account = aws?.Target?.AccountId,
            Region = aws?.Region is { Length: > 0 } r ? r : target.Region,
            Kind = kind,
            Name = name,
            Host = target.Host,
            Port = target.Port,
        };
    }

    /// <summary>
    /// Same warehouse: with a cluster or workgroup on both sides, the same one (and the same account
    /// and region where both name them); otherwise the same host (any case) and port.
    /// </summary>
    public bool SameAs(TargetIdentity other)
    {
        if (Name is not null && other.Name is not null)
        {
            return Kind == other.Kind && Name == other.Name && Same(Account, other.Account) && Same(Region, other.Region);
        }

        return string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port;
    }

    /// <summary>"cluster analytics in us-east-1, account 123456789012" or "host h:5439".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Name is not null)
        {
            parts.Add($"{Kind} {Name}");
        }

        if (Region is not null)
        {
            parts.Add($"region {Region}");
        }

        if (Account is not null)
        {
            parts.Add($"account {Account}");
        }

        if (Host is not null || Port is not null)
        {
            parts.Add($"host {Host ?? "(none)"}{(Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "")}");
        }

        return parts.Count == 0 ? "no target named" : string.Join(", ", parts);
    }

    private static bool Same(string? a, string? b) => a is null || b is null || a == b;
}
