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
        (probes, error) => Explain(context.Facts, probes, error),
        (probes, error) => Refine(context.Facts, probes, error));

    /// <summary>
    /// Two errors whose text does not say on whose side the cause is:
    /// - Serverless "Not authorized to get credentials of role" naming Cargo's role is the second hop: Cargo's role
    ///   must trust the customer's role (role chaining, https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html),
    ///   not the Redshift service principals of the customer's role;
    /// - S3 AccessDenied with enhanced VPC routing on (or not known to be off) can also come from a VPC endpoint
    ///   policy in the customer's VPC (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-working-with-endpoints.html).
    /// </summary>
    public static (string Key, string Explanation)? Refine(FactsSnapshot facts, ProbeFacts probes, ProbeError error)
    {
        if (error.Cause == ProbeErrorCause.ServerlessCredentials
            && probes.RoundTrip?.CargoRoleArn is { } cargoRole && ProbeErrorClassifier.NamedRole(error.Message) == cargoRole)
        {
            return ("serverless-second-hop",
                $"Redshift Serverless assumed your role but could not get credentials of Cargo's role {cargoRole} (second hop): Cargo's role must trust your role, and your role must be allowed to assume it");
        }

        if (error.Cause == ProbeErrorCause.S3AccessDenied && EnhancedVpcRouting(facts) is not false)
        {
            var routing = EnhancedVpcRouting(facts) is true ? "enhanced VPC routing is on" : "whether enhanced VPC routing is on is not known (no AWS facts)";
            return ("s3-access-denied-vpc",
                $"S3 refused access to Cargo's bucket, and {routing}: either a VPC endpoint policy in your VPC does not allow Cargo's bucket, or Cargo's role policy or bucket policy refuses it");
        }

        return null;
    }

    private static bool? EnhancedVpcRouting(FactsSnapshot facts) => facts.Aws?.Target?.EnhancedVpcRouting;

    /// <summary>Which hop and which AWS checks to read, from the role the error names.</summary>
    public static IEnumerable<string> Explain(FactsSnapshot facts, ProbeFacts probes, ProbeError error)
    {
        if (error.Cause is not (ProbeErrorCause.RoleNotAuthorized or ProbeErrorCause.ServerlessCredentials))
        {
            if (error.Cause == ProbeErrorCause.S3AccessDenied)
            {
                yield return EnhancedVpcRouting(facts) switch
                {
                    false => "cause is on Cargo's side: both roles were assumed, then S3 refused Cargo's role (enhanced VPC routing is off, so no VPC endpoint policy of yours is in the way)",
                    true => "enhanced VPC routing is on: COPY and UNLOAD reach S3 through your VPC, so an S3 VPC endpoint policy that allows only your own buckets refuses Cargo's bucket too; if your endpoint policies allow it, the cause is on Cargo's side",
                    null => "both roles were assumed, then S3 refused: Cargo's side (its role or bucket policy), or, if the warehouse uses enhanced VPC routing, an S3 VPC endpoint policy in your VPC (run with --cluster or --workgroup to tell)",
                };
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
