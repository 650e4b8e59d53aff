namespace Cargo.Doctor.Facts;

/// <summary>What the live probes did and saw, with every statement they ran.</summary>
public sealed record ProbeFacts
{
    public IReadOnlyList<string> Statements { get; init; } = [];
}
