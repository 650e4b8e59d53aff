using Cargo.Doctor.Facts;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Rules.Net;

namespace Cargo.Doctor.Rules.Probes;

/// <summary>Who refused an S3 request of COPY or UNLOAD, as far as the AWS facts tell.</summary>
public enum S3DenialSide
{
    /// <summary>The facts cannot decide: the role chain or an endpoint policy.</summary>
    Either,

    /// <summary>No endpoint policy of the customer's is in the way (or it allows the request): the role chain refused.</summary>
    RoleChain,

    /// <summary>The S3 gateway endpoint on the warehouse subnet's route table does not allow the request.</summary>
    EndpointPolicy,
}

/// <param name="Reason">What in the facts decided it (or kept it undecided), one sentence.</param>
/// <param name="EndpointId">The endpoint that refuses, for <see cref="S3DenialSide.EndpointPolicy"/>.</param>
/// <param name="Details">The endpoint policy's evaluation, one line per action.</param>
public sealed record S3Denial(S3DenialSide Side, string Reason, string? EndpointId, IReadOnlyList<string> Details);

/// <summary>
/// Whether an S3 AccessDenied of COPY or UNLOAD comes from the role chain or from an S3 VPC endpoint policy. S3 answers
/// 403 AccessDenied for both, an endpoint policy being one of the policies it evaluates
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html#troubleshoot-403-vpc). With
/// enhanced VPC routing on, COPY and UNLOAD reach S3 through the warehouse's VPC
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html): the S3 gateway endpoint on the route
/// table of the warehouse's subnet carries the requests to buckets of its region, and its policy must allow them
/// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html). Off, the requests use the internet
/// and no endpoint policy applies. Only positive evidence decides: anything not read, an S3 interface endpoint (whether
/// Redshift resolves S3 to it is not documented) or a policy the evaluator cannot decide leaves both causes open.
/// </summary>
public static class S3DenialAttribution
{
    /// <summary>A step not known (a history row that is neither COPY nor UNLOAD): every action counts.</summary>
    public const string AnyStep = "any";

    /// <summary>
    /// False for AllAccessDisabled, which shares the cause but is the bucket's own state, never a policy
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
    /// </summary>
    public static bool IsAccessDenied(string message) => !message.Contains("AllAccessDisabled", StringComparison.OrdinalIgnoreCase)
        && !message.Contains("All access to this Amazon S3 resource has been disabled", StringComparison.OrdinalIgnoreCase);

    /// <param name="step">The failed step: <c>unload</c> puts objects, <c>copy</c> lists and gets them, <see cref="AnyStep"/> any of the four.</param>
    public static S3Denial Attribute(FactsSnapshot facts, RoundTripFacts? roundTrip, string step)
    {
        if (facts.Aws is not { } aws)
        {
            return Either("whether enhanced VPC routing is on is not known (no AWS facts: run with --cluster or --workgroup)");
        }

        switch (aws.Target?.EnhancedVpcRouting)
        {
            case null:
                return Either("whether enhanced VPC routing is on is not known (the warehouse was not read from AWS)");
            case false:
                return new(S3DenialSide.RoleChain, "enhanced VPC routing is off: COPY and UNLOAD reach S3 over the internet, through no VPC endpoint of yours", null, []);
        }

        if (aws.Network is not { } network || aws.NetworkGap is not null)
        {
            return Either($"enhanced VPC routing is on, and the VPC's endpoints were not read{(aws.NetworkGap is { } gap ? $" ({gap})" : "")}");
        }

        if (network.RouteTables is not { } tables || network.VpcEndpoints is not { } endpoints)
        {
            return Either($"enhanced VPC routing is on, and the route tables or VPC endpoints were not read ({network.RouteTablesGap ?? network.VpcEndpointsGap})");
        }

        var bucket = roundTrip?.Bucket ?? aws.CargoBucket;
        if (bucket is null)
        {
            return Either("enhanced VPC routing is on, and Cargo's bucket is not known");
        }

        var region = roundTrip?.Region ?? aws.CargoBucketRegion ?? aws.Region;
        var caller = roundTrip?.CargoRoleArn ?? aws.CargoRoleArn ?? "arn:aws:iam::000000000000:role/unknown";
        var subnets = network.WarehouseSubnetId is { } current ? [current] : network.SubnetIds;
        var verdicts = subnets.Select(s => Judge(tables, endpoints, s, bucket, aws.CargoPrefix, region, caller, step)).ToList();
        var sides = verdicts.Select(v => v.Side).Distinct().ToList();
        if (verdicts.Count == 0)
        {
            return Either("enhanced VPC routing is on, and no subnet of the warehouse is known");
        }

        if (sides.Count > 1)
        {
            // A subnet group whose subnets disagree, the node's subnet unknown: the request may have used either.
            return Either("enhanced VPC routing is on, and the warehouse's subnets disagree: " + string.Join("; ", verdicts.Select(v => v.Reason)),
                verdicts.SelectMany(v => v.Details).ToList());
        }

        return verdicts[0] with
        {
            Reason = string.Join("; ", verdicts.Select(v => v.Reason).Distinct(StringComparer.Ordinal)),
            Details = verdicts.SelectMany(v => v.Details).ToList(),
        };
    }

    private static S3Denial Either(string reason, IReadOnlyList<string>? details = null) => new(S3DenialSide.Either, reason, null, details ?? []);

    private static S3Denial Judge(
        IReadOnlyList<RouteTableFacts> tables, IReadOnlyList<VpcEndpointFacts> endpoints, string subnet, string bucket, string? prefix,
        string region, string caller, string step)
    {
        if (RouteLookup.TableOf(tables, subnet) is not { } table)
        {
            return Either($"subnet {subnet} has no route table in what AWS returned");
        }

        var where = $"subnet {subnet}, route table {table.RouteTableId}";
        var s3Service = $"com.amazonaws.{region}.s3";
        var gateway = endpoints.FirstOrDefault(e => Is(e.Type, "Gateway") && e.ServiceName == s3Service && e.RouteTableIds.Contains(table.RouteTableId) && IsAvailable(e));
        if (gateway is null)
        {
            return endpoints.FirstOrDefault(e => Is(e.Type, "Interface") && e.ServiceName == s3Service && IsAvailable(e)) is { } interfaceEndpoint
                ? Either($"{where}: no S3 gateway endpoint, but S3 interface endpoint {interfaceEndpoint.VpcEndpointId}, whose policy applies only if COPY/UNLOAD resolve S3 to it (not documented)")
                : new(S3DenialSide.RoleChain, $"enhanced VPC routing is on, and {where} has no S3 endpoint for {region}: no endpoint policy is on the path", null, []);
        }

        if (gateway.PolicyDocument is not { } policy)
        {
            return Either($"AWS returned no policy for S3 gateway endpoint {gateway.VpcEndpointId} on {where}");
        }

        S3EndpointPolicy.Outcome outcome;
        try
        {
            outcome = S3EndpointPolicy.Evaluate(policy, S3EndpointPolicy.For(bucket, prefix), caller);
        }
        catch (PolicyParseException e)
        {
            return Either($"the policy of S3 gateway endpoint {gateway.VpcEndpointId} is not one cargo-doctor can read: {e.Message}");
        }

        var details = new List<string>();
        details.AddRange(outcome.Allowed.Select(a => $"endpoint {gateway.VpcEndpointId} allows {a}"));
        details.AddRange(outcome.Denied.Select(d => $"endpoint {gateway.VpcEndpointId} denies {d}"));
        details.AddRange(outcome.Missing.Select(m => $"endpoint {gateway.VpcEndpointId} does not allow {m.Action} on {m.Resource}"));
        details.AddRange(outcome.Undecided.Select(u => $"endpoint {gateway.VpcEndpointId}, undecided: {u}"));

        // The actions of the failed step (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-access-permissions.html):
        // UNLOAD puts objects, COPY lists the prefix and gets them.
        string[] stepActions = step switch
        {
            "copy" => ["s3:GetObject", "s3:ListBucket"],
            "unload" => ["s3:PutObject"],
            _ => ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetBucketLocation"],
        };
        var refused = outcome.Missing.Select(m => m.Action)
            .Concat(outcome.Denied.Select(d => d.Split(' ')[0]))
            .Where(stepActions.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (refused.Count > 0)
        {
            return new(S3DenialSide.EndpointPolicy,
                $"enhanced VPC routing is on, and the policy of S3 gateway endpoint {gateway.VpcEndpointId} (on {where}) does not allow {string.Join(", ", refused)} on {bucket}",
                gateway.VpcEndpointId, details);
        }

        // The role chain only when the endpoint allows all four actions, unconditionally: then it cannot have refused.
        return outcome.Missing.Count == 0 && outcome.Denied.Count == 0 && outcome.Undecided.Count == 0
            ? new(S3DenialSide.RoleChain, $"enhanced VPC routing is on, and the policy of S3 gateway endpoint {gateway.VpcEndpointId} (on {where}) allows GetObject, PutObject, ListBucket and GetBucketLocation on {bucket}", null, details)
            : Either($"enhanced VPC routing is on, and the policy of S3 gateway endpoint {gateway.VpcEndpointId} (on {where}) does not clearly allow every action COPY and UNLOAD use on {bucket}", details);
    }

    private static bool Is(string? type, string expected) => string.Equals(type, expected, StringComparison.OrdinalIgnoreCase);

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html State: only an available endpoint carries traffic.
    private static bool IsAvailable(VpcEndpointFacts endpoint) => endpoint.State is null || Is(endpoint.State, "available");
}
