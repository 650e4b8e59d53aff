using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules.Vendor;

/// <summary>The precondition every vendor.* rule shares: Cargo's side was read (`cargo-doctor vendor`).</summary>
internal static class VendorRequirement
{
    public const string NotExamined = "Cargo's side was not examined: run `cargo-doctor vendor` with Cargo's credentials";

    public static bool TryGet(RuleContext context, out VendorFacts vendor, out Finding skipped)
    {
        vendor = context.Facts.Vendor!;
        skipped = context.Skipped(NotExamined);
        return vendor is not null;
    }

    /// <summary>Cargo's role, when it was read and exists; otherwise the finding that says why not.</summary>
    public static bool TryGetRole(RuleContext context, VendorFacts vendor, out CustomerRoleFacts role, out Finding notRead)
    {
        role = vendor.CargoRole!;
        notRead = vendor.CargoRole is null
            ? context.Unknown($"Cargo's role {vendor.CargoRoleArn} could not be read: {vendor.CargoRoleGap}")
            : context.Unknown($"Cargo's role {vendor.CargoRoleArn} does not exist (vendor.trusts-customer-role says how to create it)");
        return vendor.CargoRole is { Exists: true };
    }

    public static string? Account(string? arn) => IamPolicies.Arns.Account(arn);
}
