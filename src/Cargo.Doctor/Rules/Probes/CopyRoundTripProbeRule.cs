using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.ProbeErrors;

namespace Cargo.Doctor.Rules.Probes;

/// <summary>
/// probe.copy-round-trip: UNLOAD to and COPY from Cargo's bucket through the role chain worked and
/// the rows came back identical. An assume-role failure names the AWS checks that tell its cause.
/// </summary>
public sealed class CopyRoundTripProbeRule : IRule
{
    public const string RoleAttached = Iam.RoleAttachedRule.Id;
    public const string TrustPolicy = Iam.TrustPolicyRule.Id;
    public const string AssumeCargoRole = Iam.AssumeCargoRoleRule.Id;

    public const string Id = ProbeIds.CopyRoundTrip;

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context) => ProbeFinding.Evaluate(context,
        (probes, result) =>
            $"UNLOAD to {probes.RoundTrip?.Folder} and COPY back through the role chain worked; rows identical " +
            $"(UNLOAD {ProbeFinding.Timing(result, "unload")}, COPY {ProbeFinding.Timing(result, "copy")})",
        (probes, error) => Explain(context.Facts, probes, error));

    /// <summary>Which hop and which AWS checks to read, from the role the error names.</summary>
    public static IEnumerable<string> Explain(FactsSnapshot facts, ProbeFacts probes, ProbeError error)
    {
        if (error.Cause is not (ProbeErrorCause.RoleNotAuthorized or ProbeErrorCause.ServerlessCredentials))
        {
            if (error.Cause == ProbeErrorCause.S3AccessDenied)
            {
                yield return "cause is on Cargo's side: both roles were assumed, then S3 refused Cargo's role";
            }

            if (error.Cause == ProbeErrorCause.AssumeRolePermission)
            {
                // The same grant db.assume-role-privilege reads from the catalog, with the same fix.
                yield return $"see {Db.AssumeRolePrivilegeRule.Id} in this report: it reads the same ASSUMEROLE grant and tells whom it is granted to";
            }

            yield break;
        }

        var named = ProbeErrorClassifier.NamedRole(error.Message);
        var rt = probes.RoundTrip;
        string[] checks;
        if (named is not null && named == rt?.CargoRoleArn)
        {
            yield return $"the error names Cargo's role ({named}): your role was assumed, but it could not assume Cargo's role (second hop)";
            checks = [AssumeCargoRole];
        }
        else if (named is not null && named == rt?.CustomerRoleArn)
        {
            yield return $"the error names your role ({named}): Redshift could not assume it (first hop)";
            checks = [RoleAttached, TrustPolicy];
        }
        else
        {
            checks = [RoleAttached, TrustPolicy, AssumeCargoRole];
        }

        yield return facts.Aws is null
            ? $"the AWS checks that tell which cause it is ({string.Join(", ", checks)}) did not run: run again with --cluster or --workgroup (and --region)"
            : $"see {string.Join(", ", checks)} in this report: they tell which cause it is";
    }
}
