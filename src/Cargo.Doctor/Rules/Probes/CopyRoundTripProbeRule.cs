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
    /// - S3 AccessDenied comes from the role chain or, with enhanced VPC routing on, from the S3 endpoint policy in the
    ///   customer's VPC (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html,
    ///   https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html): the network facts decide which
    ///   (<see cref="S3DenialAttribution"/>), and when they cannot, the finding names both.
    /// </summary>
    public static (string Key, string Explanation)? Refine(FactsSnapshot facts, ProbeFacts probes, ProbeError error)
    {
        if (error.Cause == ProbeErrorCause.ServerlessCredentials
            && probes.RoundTrip?.CargoRoleArn is { } cargoRole && ProbeErrorClassifier.NamedRole(error.Message) == cargoRole)
        {
            return ("serverless-second-hop",
                $"Redshift Serverless assumed your role but could not get credentials of Cargo's role {cargoRole} (second hop): Cargo's role must trust your role, and your role must be allowed to assume it");
        }

        if (error.Cause == ProbeErrorCause.S3AccessDenied && IsAccessDenied(error))
        {
            var denial = S3DenialAttribution.Attribute(facts, probes.RoundTrip, error.Step);
            return denial.Side switch
            {
                S3DenialSide.EndpointPolicy => (EndpointPolicyKey,
                    $"S3 refused access to Cargo's bucket, and {denial.Reason}: the endpoint policy refuses it, not the role chain (see {Net.DataPathRule.Id} for the statement to add)"),
                S3DenialSide.RoleChain => (RoleChainKey,
                    $"S3 refused Cargo's role access to Cargo's bucket, and {denial.Reason}: the refusal comes from the role chain (Cargo's role policy or bucket policy), not from your VPC"),
                _ => (EitherKey,
                    $"S3 refused access to Cargo's bucket, and {denial.Reason}: either a VPC endpoint policy in your VPC does not allow Cargo's bucket, or Cargo's role policy or bucket policy refuses it"),
            };
        }

        return null;
    }

    public const string EndpointPolicyKey = "s3-endpoint-policy";
    public const string RoleChainKey = "cargo-s3-access";
    public const string EitherKey = "s3-access-denied-vpc";

    private static bool IsAccessDenied(ProbeError error) => S3DenialAttribution.IsAccessDenied(error.Message);

    /// <summary>Which hop and which AWS checks to read, from the role the error names.</summary>
    public static IEnumerable<string> Explain(FactsSnapshot facts, ProbeFacts probes, ProbeError error)
    {
        if (error.Cause is not (ProbeErrorCause.RoleNotAuthorized or ProbeErrorCause.ServerlessCredentials))
        {
            if (error.Cause == ProbeErrorCause.S3AccessDenied && IsAccessDenied(error))
            {
                var denial = S3DenialAttribution.Attribute(facts, probes.RoundTrip, error.Step);
                yield return denial.Side switch
                {
                    S3DenialSide.EndpointPolicy => $"cause is the S3 VPC endpoint policy of {denial.EndpointId}: {denial.Reason}; {Net.DataPathRule.Id} in this report gives the statement to add",
                    S3DenialSide.RoleChain => $"cause is on Cargo's side: both roles were assumed, then S3 refused Cargo's role ({denial.Reason})",
                    _ => $"both roles were assumed, then S3 refused: Cargo's side (its role or bucket policy), or, if the warehouse uses enhanced VPC routing, an S3 VPC endpoint policy in your VPC; {denial.Reason}",
                };
                foreach (var line in denial.Details)
                {
                    yield return line;
                }
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
