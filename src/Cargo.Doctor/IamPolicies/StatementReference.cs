namespace Cargo.Doctor.IamPolicies;

/// <summary>Points at the statement that decided, so a finding can quote it.</summary>
public sealed record StatementReference(string PolicyName, PolicySource Source, PolicyStatement Statement)
{
    public static StatementReference Of(NamedPolicy policy, PolicyStatement statement) =>
        new(policy.Name, policy.Source, statement);

    public string? Sid => Statement.Sid;

    public int Position => Statement.Position;

    public string Json => Statement.Json;

    /// <summary>e.g. <c>policy "cargo-cross-account" statement "CrossAccountPolicy"</c> or <c>inline policy "lockdown" statement 2</c>.</summary>
    public override string ToString() =>
        $"{NamedPolicy.Describe(PolicyName, Source)} statement {Statement.Label}";
}
