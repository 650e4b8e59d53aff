using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>Turns a failed AWS read into the <see cref="Gap"/> a rule reports as <c>unknown</c>.</summary>
internal static class AwsGaps
{
    public static bool IsReadFailure(Exception e) => e is AwsCallException or AwsEvidenceMissingException;

    public static Gap From(Exception e) => e switch
    {
        AwsCallException { IsAccessDenied: true } denied =>
            new Gap($"the AWS identity running cargo-doctor may not call {denied.IamAction} (`cargo-doctor aws-policy` prints the read-only policy it needs)", denied.IamAction),
        AwsCallException { IsNoCredentials: true } none => new Gap(none.ErrorMessage),
        AwsCallException call => new Gap(call.Message),
        AwsEvidenceMissingException missing => new Gap(missing.Message),
        _ => new Gap(e.Message),
    };

    /// <summary>A gap inherited from the read something else depended on.</summary>
    public static Gap Because(string what, Gap cause) => new($"{what}: {cause.Reason}", cause.MissingPermission);
}
