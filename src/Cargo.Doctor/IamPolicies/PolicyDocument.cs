namespace Cargo.Doctor.IamPolicies;

/// <summary>An IAM policy document (identity policy, permissions boundary or trust policy).</summary>
public sealed record PolicyDocument(string? Version, IReadOnlyList<PolicyStatement> Statements)
{
    /// <exception cref="PolicyParseException">The text is not JSON or not an IAM policy.</exception>
    public static PolicyDocument Parse(string json) => PolicyDocumentParser.Parse(json);
}
