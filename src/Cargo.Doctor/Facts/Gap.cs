namespace Cargo.Doctor.Facts;

/// <summary>
/// Why a fact could not be collected: the rule that needs it reports <c>unknown</c> with this reason.
/// <see cref="MissingPermission"/> names what the caller lacks (an IAM action or a Redshift privilege).
/// </summary>
public sealed record Gap(string Reason, string? MissingPermission = null)
{
    public override string ToString() =>
        MissingPermission is null ? Reason : $"{Reason} (needs {MissingPermission})";
}
