namespace Cargo.Doctor.Facts;

/// <summary>What AWS APIs (or a folder of AWS CLI output) say about the network and IAM setup.</summary>
public sealed record AwsFacts
{
    public required string Region { get; init; }

    /// <summary><c>api</c> or <c>evidence</c>.</summary>
    public string Source { get; init; } = "api";
}
